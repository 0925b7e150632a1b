"""A process's C heap kept between PDFs: what the PDF worker (:mod:`._pdfworker`) sets for
itself before its first file."""

__all__ = ["steady_heap"]

_MB = 2**20
#: freed memory kept up to this much at the heap's top (glibc gives back more)
_TRIM_THRESHOLD = 32 * _MB
#: … and blocks up to this size taken from the heap rather than mapped each on its own
_MMAP_THRESHOLD = 8 * _MB


def steady_heap() -> bool:
    """This process's C heap kept between files (glibc's ``mallopt``; elsewhere nothing done,
    ``False``): with glibc's defaults it gives memory back to the system as soon as more than
    a few hundred kilobytes are free at its top, and its threshold moves with what was freed,
    so that from one worker to the next the same PDF took its pages from the system again
    about a hundred times a reading, or never. Kept up to :data:`_TRIM_THRESHOLD` free, blocks
    up to :data:`_MMAP_THRESHOLD` from the heap: each reading of a file costs the same."""
    import ctypes

    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError, TypeError):  # not glibc (macOS, Windows)
        return False
    m_trim_threshold, m_mmap_threshold = -1, -3  # glibc's <malloc.h>
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    trimmed = mallopt(m_trim_threshold, _TRIM_THRESHOLD)
    return bool(trimmed and mallopt(m_mmap_threshold, _MMAP_THRESHOLD))
