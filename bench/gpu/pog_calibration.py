"""PoG calibration on a real GPU, through PyTorch (a stand-in for onnxruntime's CUDA EP, whose
libraries a host without internet cannot download).

It implements the generator of src/pog/generator bit for bit and the workload of
src/pog/workload, then measures on the GPU:
  * throughput of the PoG workload per datapath at the `gpu` preset, timed with CUDA events;
  * a width sweep of the fp16 chain (which layer width keeps the tensor cores busy);
  * the committed rows Y at 64 audit indices per datapath (honest and cheating), written to
    OUT so that `node dist/bench/verify-gpu-rows.js DIR` checks them with the project's own
    float64 references and tolerance bands (results.json: params, seedHex, and per datapath
    the declared datapath, the audited rows and the timing; rows-NAME.bin: float32 LE rows).

    python3 bench/gpu/pog_calibration.py --out DIR [--quick]
    python3 bench/gpu/pog_calibration.py --self-test   # generator vectors only, numpy, no GPU
"""
import argparse
import hashlib
import json
import os
import struct
import sys
import time

MASK = 0xFFFFFFFF
ROUND_MULTIPLIERS = [0x85EBCA6B, 0xC2B2AE35, 0x27D4EB2F, 0x165667B1]
ROUNDS = len(ROUND_MULTIPLIERS)
STREAM_INPUT, STREAM_HEAD, STREAM_SEQUENCE, STREAM_POOL_BASE = 1, 2, 3, 0x100
RMS_EPSILON = 2.0 ** -20
GPU_PRESET = dict(rows=1 << 20, width=2048, headWidth=32, depth=64, poolSize=16, rowsPerLeaf=64, auditRows=64)


def stream_key(seed: bytes, stream: int):
    digest = hashlib.sha256(b"pog/generator/v1" + seed + struct.pack("<I", stream)).digest()
    words = struct.unpack("<8I", digest)
    return {"multiplier": words[0] | 1, "offset": words[1], "round_keys": list(words[2:2 + ROUNDS])}


def mul_u32(x, y):
    """x·y mod 2³² for int64 arrays (or ints) holding u32 values, without int64 overflow."""
    y_lo, y_hi = y & 0xFFFF, y >> 16
    return (x * y_lo + (((x * y_hi) & 0xFFFF) << 16)) & MASK


def generate_u32(index, key):
    """The generator on int64 arrays (numpy or torch); index < 2³²."""
    x = (mul_u32(index, key["multiplier"]) + key["offset"]) & MASK
    for r in range(ROUNDS):
        x = mul_u32(x, (2 * x + 1) & MASK)                 # RC6 quadratic
        x = ((x >> 16) + ((x << 16) & MASK)) & MASK         # rotate by 16
        x = (mul_u32(x, ROUND_MULTIPLIERS[r]) + key["round_keys"][r]) & MASK
    return x


def to_value(u, fmt: str):
    if fmt == "fp16":
        return ((u >> 21) - 1024) * (2.0 ** -10)
    return ((u >> 8) - 8388608) * (2.0 ** -23)


def layer_sequence(seed: bytes, depth: int, pool: int):
    import numpy as np
    u = generate_u32(np.arange(depth, dtype=np.int64), stream_key(seed, STREAM_SEQUENCE))
    return [int(v) % pool for v in u]


def self_test():
    """Prints the first u32 words of every stream for the seed 00 01 .. 1f (checked by a jest test)."""
    import numpy as np
    seed = bytes(range(32))
    out = {}
    for name, stream in [("input", STREAM_INPUT), ("head", STREAM_HEAD), ("sequence", STREAM_SEQUENCE), ("pool0", STREAM_POOL_BASE)]:
        idx = np.array([0, 1, 2, 3, 1000, 2**31 + 7, 2**32 - 1], dtype=np.int64)
        out[name] = [int(v) for v in generate_u32(idx, stream_key(seed, stream))]
    out["sequence16"] = layer_sequence(seed, 16, 16)
    print(json.dumps(out))


# ----------------------------------------------------------------------------- GPU part
def generate_matrix(torch, seed, stream, rows, cols, fmt, device, chunk=1 << 26):
    key = stream_key(seed, stream)
    out = torch.empty(rows * cols, dtype=torch.float32, device=device)
    for start in range(0, rows * cols, chunk):
        end = min(start + chunk, rows * cols)
        idx = torch.arange(start, end, dtype=torch.int64, device=device)
        out[start:end] = to_value(generate_u32(idx, key), fmt).to(torch.float32)
    return out.view(rows, cols)


def norm_relu(torch, x):
    x32 = x.float()
    scale = torch.rsqrt((x32 * x32).mean(dim=1, keepdim=True) + RMS_EPSILON)
    return torch.relu(x32 * scale)


def run_chain(torch, x0, pool, head, sequence, compute_dtype):
    x = x0.to(compute_dtype)
    for a in sequence:
        x = norm_relu(torch, x).to(compute_dtype) @ pool[a]
    return (norm_relu(torch, x).to(compute_dtype) @ head).float()


def timed(torch, fn, repeat):
    start, stop = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
    fn()  # warm-up: cuBLAS handles, workspace, heuristics
    torch.cuda.synchronize()
    times = []
    result = None
    for _ in range(repeat):
        start.record()
        result = fn()
        stop.record()
        torch.cuda.synchronize()
        times.append(start.elapsed_time(stop))
    times.sort()
    return result, times[len(times) // 2], times


DATAPATHS = {
    # name: (declared datapath, compute dtype, allow_tf32, allow_fp16_reduced_precision_reduction)
    "fp16": ("fp16", "float16", False, False),
    "fp16-reduced-reduction": ("fp16", "float16", False, True),
    "bf16-cheat": ("fp16", "bfloat16", False, False),
    "tf32": ("tf32", "float32", True, False),
    "fp32": ("fp32", "float32", False, False),
}
VALUE_FORMAT = {"fp16": "fp16", "tf32": "fp32", "fp32": "fp32"}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=os.environ.get("OUT", "."))
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke run")
    parser.add_argument("--self-test", action="store_true")
    args = parser.parse_args()
    if args.self_test:
        return self_test()

    import torch
    device = "cuda"
    props = torch.cuda.get_device_properties(0)
    gpu = {"name": props.name, "memoryGiB": round(props.total_memory / 2**30, 1), "sms": props.multi_processor_count,
           "torch": torch.__version__, "cuda": torch.version.cuda}
    print(f"gpu: {gpu}", flush=True)
    p = dict(GPU_PRESET)
    if args.quick:
        p.update(rows=1 << 14, depth=16)
    seed = bytes.fromhex("5eed" * 16)
    sequence = layer_sequence(seed, p["depth"], p["poolSize"])
    audit = [int(i * p["rows"] // p["auditRows"]) + 3 for i in range(p["auditRows"])]
    flops = 2 * p["rows"] * (p["depth"] * p["width"] ** 2 + p["width"] * p["headWidth"])
    results = {"gpu": gpu, "params": p, "seedHex": seed.hex(), "auditRows": audit, "flops": flops, "datapaths": {}, "sweep": []}

    operands = {}
    for fmt in ("fp16", "fp32"):
        t0 = time.time()
        n, r = p["width"], p["headWidth"]
        x0 = generate_matrix(torch, seed, STREAM_INPUT, p["rows"], n, fmt, device)
        pool = torch.stack([generate_matrix(torch, seed, STREAM_POOL_BASE + j, n, n, fmt, device) for j in range(p["poolSize"])])
        head = generate_matrix(torch, seed, STREAM_HEAD, n, r, fmt, device)
        torch.cuda.synchronize()
        operands[fmt] = (x0, pool, head)
        results[f"generate_{fmt}_s"] = time.time() - t0
        print(f"generated {fmt} operands in {time.time() - t0:.2f} s", flush=True)

    for name, (declared, dtype_name, tf32, rpr) in DATAPATHS.items():
        fmt = VALUE_FORMAT[declared]
        torch.backends.cuda.matmul.allow_tf32 = tf32
        torch.backends.cuda.matmul.allow_fp16_reduced_precision_reduction = rpr
        dtype = getattr(torch, dtype_name)
        x0, pool, head = operands[fmt]
        # strict fp32 runs at a tenth of the tensor-core rate: time it on fewer rows.
        rows = p["rows"] if name != "fp32" else p["rows"] // 16
        x0r, poolc, headc = x0[:rows], pool.to(dtype), head.to(dtype)
        y, median_ms, times = timed(torch, lambda: run_chain(torch, x0r, poolc, headc, sequence, dtype), 3)
        idx = [i for i in audit if i < rows]
        rows_out = y[idx].cpu().numpy().astype("<f4")
        rows_out.tofile(os.path.join(args.out, f"rows-{name}.bin"))
        run_flops = flops * rows / p["rows"]
        results["datapaths"][name] = {"declared": declared, "rows": rows, "auditRows": idx, "medianMs": median_ms,
                                      "timesMs": times, "tflops": run_flops / (median_ms / 1e3) / 1e12}
        print(f"{name:24s} {median_ms:9.1f} ms  {run_flops / (median_ms / 1e3) / 1e12:7.1f} TFLOP/s", flush=True)
        del y
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cuda.matmul.allow_fp16_reduced_precision_reduction = False

    # Width sweep: the fp16 chain at equal FLOPs per layer (rows·width² = 2³⁰·1024).
    for width in (512, 1024, 2048, 4096, 8192):
        rows = max(1024, (1 << 40) // (width * width))
        depth = 16
        x = torch.randn(rows, width, device=device, dtype=torch.float16)
        mats = torch.randn(4, width, width, device=device, dtype=torch.float16) / width ** 0.5
        seq = [t % 4 for t in range(depth)]

        def chain_only():
            h = x
            for a in seq:
                h = h @ mats[a]
            return h

        def chain_norm():
            h = x
            for a in seq:
                h = norm_relu(torch, h).half() @ mats[a]
            return h

        _, ms_mm, _ = timed(torch, chain_only, 3)
        _, ms_full, _ = timed(torch, chain_norm, 3)
        f = 2 * rows * width * width * depth
        entry = {"width": width, "rows": rows, "depth": depth, "gemmTflops": f / ms_mm / 1e9, "workloadTflops": f / ms_full / 1e9}
        results["sweep"].append(entry)
        print(f"sweep width {width:5d} rows {rows:8d}: gemm {entry['gemmTflops']:7.1f} TFLOP/s, with normRelu {entry['workloadTflops']:7.1f}", flush=True)
        del x, mats

    with open(os.path.join(args.out, "results.json"), "w") as fh:
        json.dump(results, fh, indent=1)
    print("done", flush=True)


if __name__ == "__main__":
    sys.exit(main())
