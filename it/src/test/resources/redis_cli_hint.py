#!/usr/bin/env python3
"""Types a partial command into an interactive redis-cli (on a pseudo-terminal) and prints the
line as the user sees it, with the syntax hint redis-cli builds from COMMAND DOCS.

usage: redis_cli_hint.py PORT "partial command "
"""
import fcntl, os, pty, re, select, struct, sys, termios, time

def main():
    port, typed = sys.argv[1], sys.argv[2]
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update(TERM="xterm", HOME=os.environ.get("TMPDIR", "/tmp"))
        os.execvp("redis-cli", ["redis-cli", "-p", port])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 400, 0, 0))

    def drain(seconds):
        out, end = b"", time.time() + seconds
        while time.time() < end:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if not ready:
                continue
            try:
                data = os.read(fd, 65536)
            except OSError:
                break
            out += data
            if b"\x1b[6n" in data:  # linenoise asks where the cursor is
                os.write(fd, b"\x1b[1;1R")
        return out

    drain(2.0)  # prompt; redis-cli fetches COMMAND DOCS at start
    seen = b""
    for ch in typed:
        os.write(fd, ch.encode())
        seen += drain(0.05)
    seen += drain(1.0)
    os.write(fd, b"\x03\x04")
    drain(0.3)
    text = re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", seen.decode(errors="replace"))
    lines = [line for line in text.split("\r") if line.strip()]
    print(lines[-1].strip() if lines else "")

main()
