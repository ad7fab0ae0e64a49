/** ε in rmsnorm(x) = x / √(mean(x²) + ε); small enough never to matter for generated rows. */
export const RMS_EPSILON = 2 ** -20;
