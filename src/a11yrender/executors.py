"""Where page renders run: in this process, in local worker processes, or on a Dask cluster.

All three take the same picklable job function and jobs and yield results as they finish,
with at most ``window`` jobs in flight, so memory stays flat however many pages a site has.
"""

from __future__ import annotations

import concurrent.futures
from typing import Callable, Iterable, Iterator

from .errors import OptionsError

#: Jobs in flight per worker: enough to keep workers busy, few enough to bound memory.
IN_FLIGHT_PER_WORKER = 4


class InlineExecutor:
    """Runs jobs one after the other in this process (``--jobs 1``)."""

    workers = 1

    def map_unordered(self, function: Callable, jobs: Iterable) -> Iterator:
        for job in jobs:
            yield function(job)

    def close(self) -> None:
        pass


class ProcessExecutor:
    """Runs jobs in ``workers`` local processes."""

    def __init__(self, workers: int):
        self.workers = workers
        self._pool = concurrent.futures.ProcessPoolExecutor(max_workers=workers)

    def map_unordered(self, function: Callable, jobs: Iterable) -> Iterator:
        return _windowed(lambda job: self._pool.submit(function, job), jobs, self.workers * IN_FLIGHT_PER_WORKER,
                         concurrent.futures.wait, concurrent.futures.FIRST_COMPLETED)

    def close(self) -> None:
        self._pool.shutdown(cancel_futures=True)


class DaskExecutor:
    """Runs jobs on a Dask distributed cluster (its scheduler's address, or a ``Client``)."""

    def __init__(self, scheduler):
        try:
            from distributed import Client
        except ImportError:
            raise OptionsError("the dask executor needs the 'dask' extra: pip install 'a11yrender[dask]'") from None
        self._client = scheduler if isinstance(scheduler, Client) else Client(scheduler)
        self._owned = not isinstance(scheduler, Client)
        self.workers = max(1, sum(self._client.nthreads().values()))

    def map_unordered(self, function: Callable, jobs: Iterable) -> Iterator:
        from distributed import wait

        def settle(pending, return_when):
            done = wait(list(pending), return_when=return_when)
            return done.done, done.not_done

        return _windowed(lambda job: self._client.submit(function, job, pure=False), jobs,
                         self.workers * IN_FLIGHT_PER_WORKER, settle, "FIRST_COMPLETED")

    def close(self) -> None:
        if self._owned:
            self._client.close()


def executor_for(kind: str = "local", jobs: int = 1, scheduler=None):
    """The executor a build asked for."""
    if kind == "dask":
        if scheduler is None:
            raise OptionsError("--executor dask needs --scheduler ADDRESS")
        return DaskExecutor(scheduler)
    if kind != "local":
        raise OptionsError(f"unknown executor {kind!r}; known: local, dask")
    if jobs < 1:
        raise OptionsError("--jobs must be at least 1")
    return InlineExecutor() if jobs == 1 else ProcessExecutor(jobs)


def _windowed(submit, jobs: Iterable, window: int, wait, first_completed) -> Iterator:
    pending = set()
    queue = iter(jobs)
    exhausted = False
    while True:
        while not exhausted and len(pending) < window:
            try:
                pending.add(submit(next(queue)))
            except StopIteration:
                exhausted = True
        if not pending:
            return
        done, pending = wait(pending, return_when=first_completed)
        pending = set(pending)
        for future in done:
            yield future.result()
