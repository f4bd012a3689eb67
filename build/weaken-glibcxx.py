#!/usr/bin/env python3
"""Lets TorchSharp 0.107.0's libLibTorchSharp.so load on systems whose libstdc++ stops before GLIBCXX_3.4.32.

The library carries a version need on GLIBCXX_3.4.32 that only the symbol
std::ios_base_library_init() uses, and that symbol is referenced without any relocation
(libtorch_cpu.so, built with an older compiler, already sets up iostreams). Marking that one
version need weak (VER_FLG_WEAK in .gnu.version_r) lets the dynamic loader accept the library.

Usage: weaken-glibcxx.py FILE...   (stdlib only; idempotent)
Does nothing when the system libstdc++ already provides GLIBCXX_3.4.32. Refuses with exit 1, the
file unchanged, when any relocation uses a symbol of that version.
"""
import os
import struct
import sys

VERSION = b"GLIBCXX_3.4.32"
VER_FLG_WEAK = 0x2
SHT_RELA, SHT_REL, SHT_DYNSYM = 4, 9, 11
SHT_GNU_VERNEED, SHT_GNU_VERSYM = 0x6FFFFFFE, 0x6FFFFFFF
SYSTEM_LIBSTDCXX = ("/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib64/libstdc++.so.6")


def system_has_version():
    for path in SYSTEM_LIBSTDCXX:
        if os.path.exists(path):
            with open(path, "rb") as f:
                return VERSION in f.read()
    return False


def cstr(data, offset):
    end = data.index(b"\0", offset)
    return data[offset:end]


def sections(data):
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        raise ValueError("not a little-endian 64-bit ELF file")
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    result = []
    for i in range(shnum):
        name, type_, flags, addr, offset, size, link, info, align, entsize = struct.unpack_from(
            "<IIQQQQIIQQ", data, shoff + i * shentsize)
        result.append({"type": type_, "offset": offset, "size": size, "link": link, "entsize": entsize})
    return result


def patch(path):
    with open(path, "rb") as f:
        data = bytearray(f.read())
    secs = sections(data)
    verneed = next((s for s in secs if s["type"] == SHT_GNU_VERNEED), None)
    if verneed is None:
        print(f"{path}: no version needs; nothing to do")
        return 0
    strtab = secs[verneed["link"]]["offset"]
    target = None  # (offset of vna_flags, vna_other)
    offset = verneed["offset"]
    while True:
        vn_version, vn_cnt, vn_file, vn_aux, vn_next = struct.unpack_from("<HHIII", data, offset)
        aux = offset + vn_aux
        for _ in range(vn_cnt):
            vna_hash, vna_flags, vna_other, vna_name, vna_next = struct.unpack_from("<IHHII", data, aux)
            if cstr(data, strtab + vna_name) == VERSION:
                target = (aux + 4, vna_other, vna_flags)
            if vna_next == 0:
                break
            aux += vna_next
        if vn_next == 0:
            break
        offset += vn_next
    if target is None:
        print(f"{path}: needs no {VERSION.decode()}; nothing to do")
        return 0
    flags_at, version_index, flags = target
    # Refuse when a relocation binds a symbol of that version: weakening would then be unsafe.
    versym = next((s for s in secs if s["type"] == SHT_GNU_VERSYM), None)
    if versym is not None:
        versioned = set()
        for i in range(versym["size"] // 2):
            v, = struct.unpack_from("<H", data, versym["offset"] + 2 * i)
            if v & 0x7FFF == version_index:
                versioned.add(i)
        for s in secs:
            if s["type"] not in (SHT_RELA, SHT_REL) or secs[s["link"]]["type"] != SHT_DYNSYM:
                continue
            size = s["entsize"] or (24 if s["type"] == SHT_RELA else 16)
            for i in range(s["size"] // size):
                r_info, = struct.unpack_from("<Q", data, s["offset"] + i * size + 8)
                if (r_info >> 32) in versioned:
                    print(f"{path}: a relocation uses a {VERSION.decode()} symbol; refusing to patch", file=sys.stderr)
                    return 1
    if flags & VER_FLG_WEAK:
        print(f"{path}: {VERSION.decode()} already weak")
        return 0
    struct.pack_into("<H", data, flags_at, flags | VER_FLG_WEAK)
    temp = path + ".weaken-tmp"
    with open(temp, "wb") as f:
        f.write(data)
    os.chmod(temp, os.stat(path).st_mode)
    os.replace(temp, path)
    print(f"{path}: marked {VERSION.decode()} weak")
    return 0


def main(argv):
    if system_has_version():
        return 0
    status = 0
    for path in argv:
        status |= patch(path)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
