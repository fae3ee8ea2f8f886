"""Throughput of query 2 against the running service, started as `make run` starts it (one process).

Measured twice: the same question every time, and a different municipality every request (see measure).

`doelgraaf serve --store DIR --port P` runs in a subprocess (uvicorn, one worker process); asyncio
clients on loopback (see _Connection) POST the contract query for a fixed time at each concurrency level. The
clients run in this process, on the same two cores as the server: they take CPU from it, as a
dashboard on the same machine would.
"""

from __future__ import annotations

import asyncio
import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from bench.common import Timing, contract_query, rss_of, rss_of_children


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(store_dir: Path, port: int, log: Path, timeout: float = 300, extra: tuple[str, ...] = ()) -> tuple[subprocess.Popen, float]:
    """Start the service on the store (with `extra` options, such as --demo); returns the process and the seconds
    until it answered GraphQL."""
    executable = Path(sys.executable).with_name("doelgraaf")
    started = time.perf_counter()
    handle = log.open("wb")
    process = subprocess.Popen([str(executable), "serve", "--store", str(store_dir), "--host", "127.0.0.1", "--port", str(port), *extra],
                               stdout=handle, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/graphql"
    while True:
        try:
            if httpx.post(url, json={"query": "{ __typename }"}, timeout=5).status_code == 200:
                return process, time.perf_counter() - started
        except httpx.HTTPError:
            pass
        if process.poll() is not None or time.perf_counter() - started > timeout:
            stop_server(process)
            raise RuntimeError(f"doelgraaf serve did not start; see {log}: {log.read_text(errors='replace')[-800:]}")
        time.sleep(0.2)


def stop_server(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=30)


class _Connection:
    """One keep-alive HTTP/1.1 connection on loopback that POSTs JSON and reads the answer by its length.

    httpx spent more CPU per request than the service answering from its cache (7.6 ms against 1.9 ms
    at one client), on the same two cores: the clients, not the service, set the figure. This client
    does only what the measurement needs; a response is parsed only when it is not a success."""

    def __init__(self, host: str, port: int, path: str):
        self.host, self.port, self.path = host, port, path
        self.reader = self.writer = None

    async def post(self, body: bytes, content_type: str = "application/json", accept: str = "application/json") -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        self.writer.write(f"POST {self.path} HTTP/1.1\r\nHost: {self.host}\r\nContent-Type: {content_type}\r\n"
                          f"Accept: {accept}\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body)
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.split(b"\r\n")
        status = int(lines[0].split()[1])
        lengths = [int(line.split(b":", 1)[1]) for line in lines[1:] if line.lower().startswith(b"content-length:")]
        if lengths:
            return status, await self.reader.readexactly(lengths[0])
        if not any(line.lower().replace(b" ", b"") == b"transfer-encoding:chunked" for line in lines[1:]):
            raise ValueError("response without Content-Length or chunked encoding")
        chunks = []  # Oxigraph's server streams its answers
        while True:
            size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
            chunks.append(await self.reader.readexactly(size + 2))
            if size == 0:
                return status, b"".join(chunk[:-2] for chunk in chunks)

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


async def _drive(url: str, bodies: list[dict], clients: int, seconds: float) -> dict:
    """`clients` concurrent connections posting the bodies in turn (one body: the same question every time)."""
    address = httpx.URL(url)
    encoded = [json.dumps(body).encode() for body in bodies]
    turn = iter(range(1 << 62))
    latencies: list[float] = []
    errors = 0
    kinds: dict[str, int] = {}
    deadline = time.perf_counter() + seconds

    async def one_client():
        nonlocal errors
        connection = _Connection(address.host, address.port, address.path)
        try:
            while time.perf_counter() < deadline:
                started = time.perf_counter()
                kind = None
                try:
                    status, content = await connection.post(encoded[next(turn) % len(encoded)])
                    if status != 200 or not content.startswith(b'{"data"'):
                        payload = json.loads(content)
                        codes = {e.get("extensions", {}).get("code", "?") for e in payload.get("errors", [])}
                        kind = f"HTTP {status} {'/'.join(sorted(codes))}".strip()
                except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
                    kind = type(exc).__name__
                    connection.close()
                    connection = _Connection(address.host, address.port, address.path)
                if kind is None:
                    latencies.append(time.perf_counter() - started)
                else:
                    errors += 1
                    kinds[kind] = kinds.get(kind, 0) + 1
        finally:
            connection.close()

    started = time.perf_counter()
    await asyncio.gather(*(one_client() for _ in range(clients)))
    elapsed = time.perf_counter() - started
    timing = Timing(samples=latencies) if latencies else None
    return {"clients": clients, "seconds": elapsed, "requests": len(latencies), "errors": errors, "error_kinds": kinds,
            "per_second": len(latencies) / elapsed, "latency": timing.as_dict() if timing else None}


def measure(store_dir: Path, code: str, seconds: float, log: Path, levels: tuple[int, ...] = (1, 8, 32), warmup: int = 3,
            codes: list[str] | None = None) -> dict:
    """Requests per second at each level, twice: the same question (query 2 for `code`) every time, which the
    service may answer from its cache of recent answers, and query 2 for each of `codes` in turn (every request
    a different municipality, as on a portal; the cache of recent answers does not help)."""
    port = free_port()
    process, startup = start_server(store_dir, port, log)
    url = f"http://127.0.0.1:{port}/graphql"
    body = {"query": contract_query(code)}
    rotating = [{"query": contract_query(c)} for c in (codes or [code])]
    result: dict[str, object] = {"startup_seconds": startup, "workers": "1 proces / process (uvicorn)", "pid": process.pid}
    try:
        result["rss_before"] = rss_of(process.pid)
        for _ in range(warmup):
            response = httpx.post(url, json=body, timeout=120)
            if response.status_code != 200 or "errors" in response.json():
                raise RuntimeError(f"query 2 over HTTP failed: {response.status_code} {response.text[:300]}")
        result["levels"] = [asyncio.run(_drive(url, [body], clients, seconds)) for clients in levels]
        result["rss_after_same"] = rss_of(process.pid)
        result["rotating_municipalities"] = len(rotating)
        result["levels_rotating"] = [asyncio.run(_drive(url, rotating, clients, seconds)) for clients in levels]
        result["rss_after"] = rss_of(process.pid)
        result["rss_children_after"] = rss_of_children(process.pid)
    finally:
        stop_server(process)
    return result
