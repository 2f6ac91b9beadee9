"""Writing the findings database safely: one writer at a time, never in place.

Every change (a `load` or an `ingest`) is written to a staged file beside the database, with no
journal, and renamed over it only when complete. The database itself is never opened for
writing, so no journal of a killed writer can ever be applied to it (or to a later file), and
readers open it `immutable`: whatever they opened stays whole while a writer works or dies.
"""

import errno
import fcntl
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

STAGED_PREFIX = ".findings-"
SIDECARS = ("-journal", "-wal", "-shm")  # of an older version that wrote in place


class WriterBusy(RuntimeError):
    """Another load or ingest is writing this findings database."""


class StorageError(RuntimeError):
    """The findings database could not be written: read-only, full disk, or damaged."""


def storage_error(path: Path, error: BaseException) -> StorageError:
    """One clear sentence for an OS or SQLite error met while writing near `path`."""
    text = str(error).lower()
    code = getattr(error, "errno", None)
    if code in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT) or "full" in text:
        why = "the disk is full (or a file-size limit was reached)"
    elif code in (errno.EROFS, errno.EACCES, errno.EPERM) or "readonly" in text:
        why = "the folder or file is read-only"
    elif "not a database" in text or "malformed" in text:
        why = "the database is damaged; run `findings-bot load` to rebuild it"
    else:
        why = str(error)
    return StorageError(f"cannot write {path}: {why}")


@contextmanager
def writer_lock(db_path: Path) -> Iterator[None]:
    """Hold the one writer's lock (a lock file beside the database) or raise WriterBusy."""
    lock_path = db_path.with_name(db_path.name + ".lock")
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as error:
        raise storage_error(db_path.parent, error) from None
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise WriterBusy(
                f"another load or ingest is writing {db_path}; nothing was changed: "
                "try again when it has finished"
            ) from None
        _remove_stale_staged(db_path.parent)  # left by a writer that was killed
        yield
    finally:
        os.close(handle)  # releases the lock; so does the process dying


class Staged:
    """A new version of the database in a file beside it, invisible until `publish()`."""

    def __init__(self, target: Path, path: Path) -> None:
        self.target, self.path = target, path

    def connect(self) -> sqlite3.Connection:
        """A connection for writing the staged file: no journal (a failure discards it)."""
        conn = sqlite3.connect(self.path, isolation_level=None)
        conn.execute("pragma journal_mode = off")
        conn.execute("pragma synchronous = off")  # publish() syncs the whole file once
        return conn

    def publish(self) -> None:
        """Make the staged file the database: fsync it, rename it over, fsync the folder."""
        try:
            with self.path.open("rb+") as staged:
                os.fsync(staged.fileno())
            for suffix in SIDECARS:  # a journal or WAL of an older writer must not meet it
                self.target.with_name(self.target.name + suffix).unlink(missing_ok=True)
            os.replace(self.path, self.target)
            folder = os.open(self.target.parent, os.O_RDONLY)
            try:
                os.fsync(folder)
            finally:
                os.close(folder)
        except OSError as error:
            raise storage_error(self.target, error) from None


@contextmanager
def staging(db_path: Path, copy_current: bool) -> Iterator[Staged]:
    """A staged file beside `db_path` (a copy of it, or empty); deleted unless published."""
    try:
        handle, name = tempfile.mkstemp(prefix=STAGED_PREFIX, suffix=".db", dir=db_path.parent)
        os.close(handle)
        if copy_current:
            shutil.copyfile(db_path, name)
    except OSError as error:
        if "name" in locals():
            Path(name).unlink(missing_ok=True)
        raise storage_error(db_path, error) from None
    staged = Staged(db_path, Path(name))
    try:
        yield staged
    except sqlite3.Error as error:
        raise storage_error(db_path, error) from None
    except OSError as error:
        raise storage_error(db_path, error) from None
    finally:
        staged.path.unlink(missing_ok=True)


def _remove_stale_staged(folder: Path) -> None:
    for path in folder.glob(f"{STAGED_PREFIX}*"):
        path.unlink(missing_ok=True)
