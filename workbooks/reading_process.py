"""A large .xlsx sheet read by a process of its own, so that reading its XML does not hold up the import.

Reading a sheet's XML is about 40 % of an import's CPU (6.8 s of 15 s for 100,000 national rows). Read by a
thread (reader.read_ahead) it shares the interpreter lock with the import, which waits for it whenever it
comes back from the database; read by a child process it runs on the other core (docs/PERFORMANCE.md,
optimisation 16). A child costs about half a second to start (a new interpreter and Django), so only a sheet
whose XML unpacks to `settings.WORKBOOK_READ_PROCESS_BYTES` or more is read this way (0: never).

The child (`python -m workbooks.reading_process`) reads the same file with the same code (`reader.xlsx_rows`,
the same limits, the parent's language) and writes the rows to its standard output as pickles of
`CHUNK` rows: the pipe holds only a few chunks, so the child waits for the import and memory stays flat.
What it cannot read comes back as the same `UnreadableFile` message the thread would have raised, at the
same row. The child reads no database and no settings but the translations; it ends with the sheet, or is
ended when the import stops reading (an error, a sheet not recognised, the end of the file). A child that
cannot start is logged and the sheet read by the thread; one that ends midway (killed) is an error, never a
sheet cut short.
"""

import contextlib
import io
import logging
import os
import pickle
import subprocess
import sys

from django.conf import settings
from django.utils import translation

CHUNK = 200  # rows a pickle
logger = logging.getLogger("shuangta.workbooks")


class ReadingProcessFailed(RuntimeError):
    """The child ended without saying why (it could not start, was killed, ran out of memory): not the file's
    fault. `delivered` is how many rows it had handed over."""

    def __init__(self, message, delivered=0):
        super().__init__(message)
        self.delivered = delivered


def wanted(size):
    """Whether a sheet whose XML unpacks to `size` bytes is read by a process."""
    threshold = getattr(settings, "WORKBOOK_READ_PROCESS_BYTES", 0)
    return bool(threshold) and size >= threshold


def child_source(source):
    """What the child opens: the file's path when it has one on disk, else its bytes."""
    if isinstance(source, (str, os.PathLike)):
        return os.fspath(source)
    if hasattr(source, "temporary_file_path"):
        return source.temporary_file_path()
    name = getattr(source, "name", None)
    if isinstance(source, io.BufferedReader) and isinstance(name, str) and os.path.isfile(name):
        return name
    position = source.tell()
    source.seek(0)
    data = source.read()
    source.seek(position)
    return data


PIPE_BYTES = 2**20  # what the child may write ahead of the import (Linux; elsewhere the system's pipe size)


def _widen(pipe):
    """Let the child write about 4,000 rows ahead: read while the import writes a batch, not only after."""
    try:
        import fcntl

        fcntl.fcntl(pipe.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    except (ImportError, AttributeError, OSError):
        pass  # not Linux, or over /proc/sys/fs/pipe-max-size: the default size, fewer rows ahead


def rows_in_process(source, title, part, max_chars):
    """(row number, values) of one sheet, read by a child process; raises what `reader.xlsx_rows` raises."""
    from .reader import UnreadableFile

    request = {"source": child_source(source), "title": title, "part": part, "max_chars": max_chars,
               "language": translation.get_language()}
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE") or "shuangta.settings",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(settings.BASE_DIR), os.environ.get("PYTHONPATH")]))}
    try:
        child = subprocess.Popen([sys.executable, "-m", "workbooks.reading_process"], stdin=subprocess.PIPE,
                                 stdout=subprocess.PIPE, env=env, cwd=str(settings.BASE_DIR))
    except OSError as error:
        raise ReadingProcessFailed(f"the reading process could not be started: {error.strerror}") from error
    _widen(child.stdout)
    delivered = 0
    try:
        try:
            pickle.dump(request, child.stdin, protocol=pickle.HIGHEST_PROTOCOL)
            child.stdin.close()
        except BrokenPipeError:
            pass  # it has ended already: said below
        while True:
            try:
                kind, payload = pickle.load(child.stdout)
            except (EOFError, pickle.UnpicklingError) as error:
                raise ReadingProcessFailed(f"the reading process ended with code {child.wait()}",
                                           delivered) from error
            if kind == "rows":
                delivered += len(payload)
                yield from payload
            elif kind == "end":
                return
            elif kind == "unreadable":
                raise UnreadableFile(payload)
            else:
                raise payload
    finally:
        if child.poll() is None:
            child.kill()
        child.wait()
        child.stdout.close()
        with contextlib.suppress(BrokenPipeError):
            child.stdin.close()  # already closed unless the child ended before reading the request


def sheet_rows(source, title, part, workbook):
    """The rows of a sheet of the open `workbook`, read by a process when large, else by a thread.

    A child that cannot start (or ends before its first row) is logged and the sheet is read by the thread.
    """
    from .reader import read_ahead, xlsx_rows

    if wanted(workbook.part_size(part)):
        try:
            yield from rows_in_process(source, title, part, workbook.max_chars)
            return
        except ReadingProcessFailed as error:
            if error.delivered:
                raise
            logger.warning("workbook_reading_process outcome=failed reason=%s: read by a thread", error)
    yield from read_ahead(xlsx_rows(workbook, title, part))


def main():
    """The child: read the request from standard input, write the sheet's rows to standard output."""
    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but the pickles on the pipe
    request = pickle.load(sys.stdin.buffer)

    import django

    django.setup()
    from .reader import UnreadableFile, xlsx_rows
    from .xlsx import XlsxWorkbook

    def send(message):
        pickle.dump(message, out, protocol=pickle.HIGHEST_PROTOCOL)
        out.flush()

    source = request["source"]
    source = io.BytesIO(source) if isinstance(source, bytes) else source
    try:
        with translation.override(request["language"]):
            chunk = []
            try:
                workbook = XlsxWorkbook(source, max_chars=request["max_chars"])
                try:
                    for item in xlsx_rows(workbook, request["title"], request["part"]):
                        chunk.append(item)
                        if len(chunk) == CHUNK:
                            send(("rows", chunk))
                            chunk = []
                finally:
                    workbook.close()
            except UnreadableFile as error:
                send(("rows", chunk))
                send(("unreadable", str(error)))
                return
            except Exception as error:  # not the file's kind of error: raised in the parent as it is
                send(("rows", chunk))
                try:
                    pickle.dumps(error)
                except Exception:
                    error = ReadingProcessFailed(f"{type(error).__name__} in the reading process")
                send(("raised", error))
                return
            send(("rows", chunk))
            send(("end", None))
    except BrokenPipeError:  # the import stopped reading
        sys.stderr.close()


if __name__ == "__main__":
    main()
