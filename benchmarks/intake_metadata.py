"""Benchmark the photo metadata core against ExifTool, in the same run, on the same files.

Generates N 12-megapixel phone-like JPEGs (4000x3000, quality 90, about 3 MB, realistic EXIF with
GPS, maker note, XMP and an ICC profile), caches them in the temp directory, then prints:

- ExifTool: one ``exiftool -json -n`` batch call over all files (files per second);
- metadata-only re-scan: ``extract_metadata_file`` per file (reads only each JPEG's head), one
  process, and with a pool of worker processes;
- metadata from a buffer already in memory (the import path: the file was read once for hashing);
- draft-mode thumbnail + pHash/dHash per file, and the draft decode alone (the pipeline's floor).

Target: the metadata-only re-scan at least 10 times ExifTool's batch throughput.

Usage: ``python benchmarks/intake_metadata.py [--count N] [--workers W] [--dir PATH]``
"""

from __future__ import annotations

import argparse
import concurrent.futures
import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from PIL import Image, ImageCms, TiffImagePlugin

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from verifier.intake import extract_metadata, extract_metadata_file
from verifier.intake.thumbnails import make_thumbnail

WIDTH, HEIGHT = 4000, 3000
_GENERATOR_VERSION = "2"

_XMP = b"""<?xpacket begin='\xef\xbb\xbf' id='W5M0MpCehiHzreSzNTczkc9d'?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" xmlns:GCamera="http://ns.google.com/photos/1.0/camera/"
 xmp:CreatorTool="17.3.1" xmp:CreateDate="2024-03-05T14:22:09.123+03:00"
 xmp:ModifyDate="2024-03-05T14:22:09+03:00" photoshop:DateCreated="2024-03-05T14:22:09.123+03:00"
 GCamera:MicroVideoVersion="1"/>
</rdf:RDF></x:xmpmeta>
<?xpacket end='w'?>"""


def _exif(index: int) -> Image.Exif:
    """EXIF shaped like an iPhone's: about 60 tags over IFD0, Exif IFD and GPS, plus a maker note."""
    r = TiffImagePlugin.IFDRational
    exif = Image.Exif()
    exif.update(
        {
            0x010F: "Apple",
            0x0110: "iPhone 13 Pro",
            0x0112: 6,
            0x011A: r(72, 1),
            0x011B: r(72, 1),
            0x0128: 2,
            0x0131: "17.3.1",
            0x0132: "2024:03:05 14:22:09",
            0x013C: "iPhone 13 Pro",
            0x0213: 1,
        }
    )
    ifd = exif.get_ifd(0x8769)
    ifd.update(
        {
            0x829A: r(1, 121),
            0x829D: r(15, 10),
            0x8822: 2,
            0x8827: 50,
            0x9000: b"0232",
            0x9003: f"2024:03:05 14:{index % 60:02d}:09",
            0x9004: f"2024:03:05 14:{index % 60:02d}:09",
            0x9010: "+03:00",
            0x9011: "+03:00",
            0x9012: "+03:00",
            0x9101: b"\x01\x02\x03\x00",
            0x9201: r(6919, 1000),
            0x9202: r(11697, 10000),
            0x9203: r(8541, 1000),
            0x9204: r(0, 1),
            0x9207: 5,
            0x9209: 16,
            0x920A: r(57, 10),
            0x9214: (2013, 1511, 2217, 1330),
            0x927C: b"Apple iOS\0\0\x01MM" + os.urandom(1500),
            0x9290: "123",
            0x9291: "123",
            0x9292: "123",
            0xA000: b"0100",
            0xA001: 65535,
            0xA002: WIDTH,
            0xA003: HEIGHT,
            0xA217: 2,
            0xA301: b"\x01",
            0xA402: 0,
            0xA403: 0,
            0xA405: 26,
            0xA406: 0,
            0xA432: (r(1570000, 1000000), r(9, 1), r(15, 10), r(28, 10)),
            0xA433: "Apple",
            0xA434: "iPhone 13 Pro back triple camera 5.7mm f/1.5",
        }
    )
    gps = exif.get_ifd(0x8825)
    gps.update(
        {
            0x0001: "N",
            0x0002: (r(35, 1), r(46, 1), r(2820, 100)),
            0x0003: "E",
            0x0004: (r(43, 1), r(35, 1), r(1500, 100)),
            0x0005: b"\x00",
            0x0006: r(2855, 10),
            0x0007: (r(11, 1), r(index % 60, 1), r(9, 1)),
            0x000C: "K",
            0x000D: r(0, 1),
            0x0010: "T",
            0x0011: r(1234, 10),
            0x0017: "T",
            0x0018: r(1234, 10),
            0x001D: "2024:03:05",
            0x001F: r(47, 10),
        }
    )
    return exif


def generate(directory: Path, count: int) -> list[Path]:
    """Create (or reuse) ``count`` phone-like JPEGs in ``directory``."""
    import numpy as np

    directory.mkdir(parents=True, exist_ok=True)
    paths = [directory / f"IMG_{i:04d}.jpg" for i in range(count)]
    missing = [p for p in paths if not p.exists()]
    if not missing:
        return paths
    print(f"generating {len(missing)} 12-MP JPEGs in {directory} (cached for later runs)...", flush=True)
    rng = np.random.default_rng(7)
    y, x = np.mgrid[0:HEIGHT, 0:WIDTH].astype(np.float32)
    base = np.stack(
        [
            128 + 100 * np.sin(x / 310.0) * np.cos(y / 270.0),
            128 + 90 * np.cos((x + y) / 420.0),
            128 + 80 * np.sin(y / 150.0),
        ],
        axis=-1,
    )
    noise = rng.normal(0.0, 7.0, (HEIGHT, WIDTH, 3)).astype(np.float32)
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    for path in missing:
        index = paths.index(path)
        shifted = np.roll(noise, shift=index * 37, axis=1)
        pixels = np.clip(base + shifted + (index % 8), 0, 255).astype(np.uint8)
        image = Image.fromarray(pixels, "RGB")
        tmp = path.with_suffix(".tmp")
        image.save(tmp, "JPEG", quality=90, exif=_exif(index), xmp=_XMP, icc_profile=icc)
        tmp.rename(path)
    return paths


def _per_file(paths: Sequence[Path], fn: Callable[[Path], object]) -> list[float]:
    times = []
    for path in paths:
        start = time.perf_counter()
        fn(path)
        times.append(time.perf_counter() - start)
    return times


def _rescan_chunk(paths: Sequence[str]) -> int:
    for path in paths:
        extract_metadata_file(Path(path))
    return len(paths)


def _draft_decode(data: bytes) -> None:
    with Image.open(io.BytesIO(data)) as image:
        image.draft("RGB", (256, 256))
        image.load()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=200, help="number of generated photos (default 200)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="processes for the pool run")
    parser.add_argument(
        "--dir",
        type=Path,
        default=Path(tempfile.gettempdir()) / f"verifier-bench-intake-v{_GENERATOR_VERSION}",
        help="where generated photos are cached",
    )
    args = parser.parse_args(argv)
    paths = generate(args.dir, args.count)
    total_mb = sum(p.stat().st_size for p in paths) / 1e6
    print(f"{len(paths)} files, {total_mb / len(paths):.2f} MB each, {WIDTH}x{HEIGHT}, quality 90")

    # Warm the page cache and the imports so the first measured file is not an outlier.
    for path in paths:
        path.read_bytes()
    extract_metadata_file(paths[0])

    exiftool = shutil.which("exiftool")
    et_rate = None
    if exiftool:
        start = time.perf_counter()
        completed = subprocess.run(
            [exiftool, "-json", "-n", *map(str, paths)], capture_output=True, check=False
        )
        et_seconds = time.perf_counter() - start
        assert completed.returncode == 0, completed.stderr.decode()
        et_rate = len(paths) / et_seconds
        print(
            f"exiftool -json -n batch   : {et_seconds * 1000 / len(paths):7.3f} ms/file"
            f"  {et_rate:9.1f} files/s  (one process, {et_seconds:.2f} s)"
        )
    else:
        print("exiftool not installed (apt-get install libimage-exiftool-perl): no reference")

    rescan = _per_file(paths, lambda p: extract_metadata_file(p))
    rescan_rate = len(paths) / sum(rescan)
    print(
        f"metadata re-scan, 1 proc  : {statistics.median(rescan) * 1000:7.3f} ms/file"
        f"  {rescan_rate:9.1f} files/s  (median; reads each JPEG's head only)"
    )
    chunks = [[str(p) for p in paths[i :: args.workers]] for i in range(args.workers)]
    with concurrent.futures.ProcessPoolExecutor(args.workers) as pool:
        list(pool.map(_rescan_chunk, [[c[0]] for c in chunks if c]))  # start the workers first
        start = time.perf_counter()
        done = sum(pool.map(_rescan_chunk, chunks))
        pool_seconds = time.perf_counter() - start
    pool_rate = done / pool_seconds
    print(
        f"metadata re-scan, {args.workers} procs : {pool_seconds * 1000 / done:7.3f} ms/file"
        f"  {pool_rate:9.1f} files/s  (after worker start-up)"
    )

    buffers = {p: p.read_bytes() for p in paths}
    in_memory = _per_file(paths, lambda p: extract_metadata(buffers[p], label=p.name))
    print(
        f"metadata from buffer      : {statistics.median(in_memory) * 1000:7.3f} ms/file"
        f"  {len(paths) / sum(in_memory):9.1f} files/s  (file already read for hashing)"
    )
    sample = paths[: min(len(paths), 60)]
    thumbs = _per_file(sample, lambda p: make_thumbnail(buffers[p], label=p.name))
    drafts = _per_file(sample, lambda p: _draft_decode(buffers[p]))
    print(
        f"thumbnail + pHash + dHash : {statistics.median(thumbs) * 1000:7.1f} ms/file"
        f"  (draft decode alone: {statistics.median(drafts) * 1000:.1f} ms/file, {len(sample)} files)"
    )
    if et_rate is not None:
        ratio_1 = rescan_rate / et_rate
        ratio_n = pool_rate / et_rate
        verdict = "MET" if ratio_1 >= 10 else ("MET with the pool" if ratio_n >= 10 else "NOT MET")
        print(
            f"re-scan vs exiftool batch : {ratio_1:.1f}x on one process, {ratio_n:.1f}x with "
            f"{args.workers} processes (target 10x: {verdict})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
