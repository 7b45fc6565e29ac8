#!/usr/bin/env python3
"""A hostile feed server for tests/test-sync.c.

sync-fault-server.py ROOT serves the feed folders below ROOT on 127.0.0.1 at a free port, which
it prints on its first line. The first path segment picks the fault and the second the feed, so
that one server answers every test: /plain/feed20/v1/... serves ROOT/feed20/v1/... as it is,
/truncate/feed20/v1/... cuts objects short, and so on (see FAULTS). Stopped by its PID.

/fill/... fills a disk in the middle of a download: for each object it sends the first part,
writes ROOT/disk/filler until ROOT/disk (a small tmpfs the test mounted, the client's data folder
on it) has no byte left, and only then sends the rest.
"""

import errno
import gzip
import http.server
import os
import socketserver
import sys
import time

ROOT = sys.argv[1]

FAULTS = {
    "plain", "truncate", "longer", "wronghash", "gzip", "endless", "stall",
    "redirect-file", "redirect-remote", "redirect-ok", "status404", "status500", "status503",
    "range-ignore", "date-2001", "fill",
}

FILL_DISK = os.path.join(ROOT, "disk")


def fill_disk():
    """Writes ROOT/disk/filler until its disk refuses with ENOSPC; does nothing without a disk."""
    if not os.path.ismount(FILL_DISK):
        return
    fd = os.open(os.path.join(FILL_DISK, "filler"), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    block = b"\0" * (64 * 1024)
    try:
        while True:
            # A short write takes what is left; the next one is refused.
            os.write(fd, block)
    except OSError as e:
        if e.errno != errno.ENOSPC:
            raise
    finally:
        os.close(fd)


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):
        sys.stderr.write("%s %s\n" % (self.requestline, format % args))

    def date_time_string(self, timestamp=None):
        # A server whose clock says 2001, for a client whose clock is far ahead of it.
        if self.path.startswith("/date-2001/"):
            return "Sun, 09 Sep 2001 01:00:00 GMT"
        return super().date_time_string(timestamp)

    def send_body(self, body, length=None, extra=()):
        self.send_response(200)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        for name, value in extra:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def chunk(self, data):
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))

    def do_GET(self):
        parts = self.path.split("/", 3)
        if len(parts) < 4 or parts[1] not in FAULTS or parts[2] in ("", ".", ".."):
            self.send_error(404)
            return
        fault, feed, rest = parts[1], parts[2], parts[3]
        is_object = rest.startswith("v1/objects/")
        is_pointer = rest == "v1/current.minisig"
        path = os.path.join(ROOT, feed, *rest.split("/"))

        if is_pointer and fault == "redirect-file":
            return self.redirect("file:///etc/passwd")
        if is_pointer and fault == "redirect-remote":
            return self.redirect("http://192.0.2.1/v1/current.minisig")
        if is_pointer and fault == "redirect-ok":
            return self.redirect("/plain/%s/v1/current.minisig" % feed)
        if is_pointer and fault.startswith("status"):
            self.send_response(int(fault[6:]))
            self.send_header("Content-Length", "5")
            self.end_headers()
            self.wfile.write(b"error")
            return

        if ".." in rest.split("/") or not os.path.isfile(path):
            self.send_error(404)
            return
        with open(path, "rb") as f:
            body = f.read()

        if not is_object or fault in ("plain", "range-ignore") or fault.startswith("redirect") \
                or fault.startswith("status"):
            if fault == "plain" and is_object and self.headers.get("Range"):
                start = int(self.headers["Range"].split("=")[1].split("-")[0])
                self.send_response(206)
                self.send_header("Content-Range", "bytes %d-%d/%d" % (start, len(body) - 1, len(body)))
                self.send_header("Content-Length", str(len(body) - start))
                self.end_headers()
                self.wfile.write(body[start:])
                return
            return self.send_body(body)

        if fault == "truncate":
            self.send_body(body[: len(body) // 2], length=len(body))
            self.close_connection = True
        elif fault == "longer":
            self.send_body(body + b"x" * 100)
        elif fault == "wronghash":
            self.send_body(bytes([body[0] ^ 1]) + body[1:])
        elif fault == "gzip":
            bomb = gzip.compress(b"\0" * (20 * 1024 * 1024))
            self.send_response(200)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for i in range(0, len(bomb), 4096):
                self.chunk(bomb[i:i + 4096])
            self.wfile.write(b"0\r\n\r\n")
        elif fault == "endless":
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            try:
                for _ in range(10000):
                    self.chunk(b"y" * 16384)
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.close_connection = True
        elif fault == "fill":
            # Ranges as "plain" answers them. Less than the client's write buffer (1 MiB) goes
            # before the disk is filled, so that nothing of this object is written yet.
            start = 0
            if self.headers.get("Range"):
                start = int(self.headers["Range"].split("=")[1].split("-")[0])
                self.send_response(206)
                self.send_header("Content-Range", "bytes %d-%d/%d" % (start, len(body) - 1, len(body)))
            else:
                self.send_response(200)
            self.send_header("Content-Length", str(len(body) - start))
            self.end_headers()
            first = min((len(body) - start) // 2, 256 * 1024)
            self.wfile.write(body[start:start + first])
            self.wfile.flush()
            fill_disk()
            self.wfile.write(body[start + first:])
        elif fault == "stall":
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[:4])
            self.wfile.flush()
            time.sleep(30)
            self.close_connection = True

    def redirect(self, location):
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


server = Server(("127.0.0.1", 0), Handler)
sys.stdout.write("%d\n" % server.server_address[1])
sys.stdout.flush()
# The test reads one line and closes the pipe.
sys.stdout = open(os.devnull, "w")
server.serve_forever()
