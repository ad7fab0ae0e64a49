import { renderEconomyChart, renderLineChart, simulateBurnAndMint } from '../../src/economy';

interface Element {
  name: string;
  attributes: Record<string, string>;
  text: string;
}

/** A strict little tag parser: every tag must close in order; returns the elements it saw. */
function parseSvg(svg: string): Element[] {
  const body = svg.replace(/^<\?xml[^?]*\?>\s*/, '');
  const elements: Element[] = [];
  const open: Element[] = [];
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let m: RegExpExecArray | null;
  let position = 0;
  while ((m = tag.exec(body)) !== null) {
    position = tag.lastIndex;
    const [, closing, name, attrs, selfClosing, text] = m;
    if (text !== undefined) {
      if (/[<>]/.test(text) || /&(?!(amp|lt|gt|quot|apos);)/.test(text)) throw new Error(`bad text: ${text}`);
      if (open.length > 0) open[open.length - 1]!.text += text;
      else if (text.trim()) throw new Error(`text outside the root: ${text}`);
      continue;
    }
    if (closing) {
      const top = open.pop();
      if (!top || top.name !== name) throw new Error(`</${name}> closes <${top?.name}>`);
      continue;
    }
    const attributes: Record<string, string> = {};
    for (const a of attrs!.matchAll(/([\w:-]+)="([^"]*)"/g)) {
      if (a[1]! in attributes) throw new Error(`duplicate attribute ${a[1]}`);
      attributes[a[1]!] = a[2]!;
    }
    const element = { name: name!, attributes, text: '' };
    if (open.length === 0 && elements.length > 0) throw new Error('a second root element');
    elements.push(element);
    if (!selfClosing) open.push(element);
  }
  if (position !== body.length) throw new Error(`unparsable at ${position}: ${body.slice(position, position + 40)}`);
  if (open.length > 0) throw new Error(`unclosed <${open[open.length - 1]!.name}>`);
  return elements;
}

const points = (d: string) => d.trim().split(/\s*[ML]\s*/).filter(Boolean).map((p) => p.split(',').map(Number));

describe('SVG chart', () => {
  const result = simulateBurnAndMint({ days: 60, phaseOneDays: 20 });
  const svg = renderEconomyChart(result);
  const elements = parseSvg(svg);

  it('is well-formed: one svg root, every tag closed in order', () => {
    expect(elements[0]!.name).toBe('svg');
    expect(elements[0]!.attributes.xmlns).toBe('http://www.w3.org/2000/svg');
    expect(() => parseSvg('<svg><g></svg>')).toThrow();
    expect(() => parseSvg('<svg><path d="M0,0"/></svg><svg></svg>')).toThrow();
  });

  it('has one path per series, each with one point per day inside the plot', () => {
    const paths = elements.filter((e) => e.name === 'path');
    expect(paths.map((p) => p.attributes['data-series'])).toEqual(['supply', 'tokenPrice', 'tokenReserve', 'dollarReserve']);
    const svgWidth = Number(elements[0]!.attributes.width);
    const svgHeight = Number(elements[0]!.attributes.height);
    for (const p of paths) {
      const xy = points(p.attributes.d!);
      expect(xy).toHaveLength(60);
      for (const [x, y] of xy) {
        expect(x! >= 0 && x! <= svgWidth).toBe(true);
        expect(y! >= 0 && y! <= svgHeight).toBe(true);
      }
      // x grows day by day.
      for (let i = 1; i < xy.length; i++) expect(xy[i]![0]!).toBeGreaterThan(xy[i - 1]![0]!);
    }
  });

  it('normalises each series to its maximum: the highest point of each line touches the top', () => {
    for (const p of elements.filter((e) => e.name === 'path')) {
      const ys = points(p.attributes.d!).map(([, y]) => y!);
      expect(Math.min(...ys)).toBe(48); // the plot's top margin
    }
  });

  it('labels both axes and has a legend naming every series and its scale', () => {
    const texts = elements.filter((e) => e.name === 'text').map((e) => e.text);
    expect(texts).toContain('day');
    expect(texts).toContain("share of the series' maximum");
    expect(texts).toContain('100%');
    expect(texts).toContain('each line ÷ its maximum:');
    for (const label of ['Supply (max ', 'Token price (max $', 'Token reserve (max ', 'Dollar reserve (max $']) expect(texts.some((t) => t.startsWith(label))).toBe(true);
    expect(texts.some((t) => t.includes('phase 2'))).toBe(true);
  });

  it('escapes text and draws a single day as a single point', () => {
    const one = renderLineChart([{ key: 'a&b', label: '<x> & "y"', values: [3], format: String, colour: '#000000' }], 1, undefined, { title: 'T & <U>' });
    const parsed = parseSvg(one);
    const path = parsed.find((e) => e.name === 'path')!;
    expect(points(path.attributes.d!)).toHaveLength(1);
    expect(one).toContain('&lt;x&gt; &amp; &quot;y&quot;');
    expect(parsed.find((e) => e.name === 'title')!.text).toBe('T &amp; &lt;U&gt;');
  });
});
