"""The queue in front of the PDF converters: bounded in length and in wait.

A request takes a free slot at once, or waits in line for one. Past `length` waiting, or past
`wait` seconds in line, it is refused with PdfBusyError (a 503 "busy, try again in a minute").
So PDF work holds at most `len(slots) + length` of a process's threads, each for a bounded
time, and the rest of the service keeps answering.
"""

import contextlib
import threading

from service.delivery.pdf_errors import PdfBusyError


class PdfQueue:
    def __init__(self, slots, *, length, wait):
        self.length = length
        self.wait = wait
        self._free = list(slots)
        self._waiting = 0
        self._changed = threading.Condition()

    @property
    def waiting(self):
        """How many requests wait in line now."""
        return self._waiting

    @contextlib.contextmanager
    def slot(self):
        """A free slot for the length of the `with`, or PdfBusyError."""
        slot = self._take()
        try:
            yield slot
        finally:
            self.give_back(slot)

    def _take(self):
        with self._changed:
            # Newcomers join the line behind anyone already in it (Condition wakes the
            # longest waiting first), so nobody is overtaken for long.
            if not self._free or self._waiting:
                if self._waiting >= self.length:
                    raise PdfBusyError
                self._waiting += 1
                try:
                    if not self._changed.wait_for(lambda: self._free, timeout=self.wait):
                        raise PdfBusyError
                finally:
                    self._waiting -= 1
            return self._free.pop()

    def try_take(self, wanted):
        """A free slot that `wanted(slot)` accepts, without waiting, or None; only when
        nobody is waiting, so background work never makes a request wait longer."""
        with self._changed:
            if self._waiting:
                return None
            for slot in self._free:
                if wanted(slot):
                    self._free.remove(slot)
                    return slot
            return None

    def give_back(self, slot):
        with self._changed:
            self._free.append(slot)
            self._changed.notify()

    def idle(self):
        """Take every free slot now (closing down): the caller gives them back."""
        with self._changed:
            taken, self._free = self._free, []
            return taken
