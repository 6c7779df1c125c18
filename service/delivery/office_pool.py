"""A few warm LibreOffice instances behind a bounded queue, kept healthy.

Each slot of the queue holds at most one instance, started when first needed (the first
request of a process starts one; the others are warmed in the background then). An instance
is replaced when it:
- hangs: a conversion takes longer than the timeout. Its group is killed, the request fails
  with PdfFailedError, and a fresh one is started in the background;
- crashes: it died while idle or mid-conversion. A fresh one is started and the conversion is
  tried once more on it;
- grows: past the memory limit after a conversion, or after RECYCLE_AFTER conversions (a
  long-lived office grows slowly). It is stopped and a fresh one started in the background.

Without a Python that can import uno, each conversion starts LibreOffice cold instead, under
the same queue.
"""

import logging
import threading

from service.delivery.office import OfficeDied, OfficeError, OfficeHung, OfficeInstance
from service.delivery.pdf_cold import convert_cold
from service.delivery.pdf_errors import PdfFailedError
from service.delivery.pdf_queue import PdfQueue

log = logging.getLogger(__name__)

# Longer than a conversion may take: a cold start creates a profile, and the machine may be
# busy converting for others.
START_TIMEOUT = 30
RECYCLE_AFTER = 500


class Slot:
    def __init__(self, number):
        self.number = number
        self.instance = None


class OfficePool:
    """`python`: a Python that can import uno (warm instances), or None (cold conversions)."""

    def __init__(
        self,
        program,
        python,
        *,
        size,
        timeout,
        queue_length,
        queue_wait,
        memory_limit_mb=None,
        start_timeout=None,
    ):
        self.program = program
        self.python = python
        self.timeout = timeout
        self.start_timeout = start_timeout or max(timeout, START_TIMEOUT)
        self.memory_limit_mb = memory_limit_mb
        self._size = size
        self._queue_settings = {"length": queue_length, "wait": queue_wait}
        self._reset()

    def _reset(self):
        self.slots = [Slot(number) for number in range(self._size)]
        self.queue = PdfQueue(self.slots, **self._queue_settings)
        self.started = []  # every instance ever started, for checks that none is left behind
        self._starting = set()
        self._lock = threading.Lock()
        self._closed = False
        self._warmer = None

    @property
    def started_groups(self):
        """The process group of every instance ever started."""
        return [instance.pgid for instance in self.started]

    @property
    def warm(self):
        return self.python is not None

    def convert(self, docx_bytes):
        if not self.warm:
            with self.queue.slot():
                return convert_cold(self.program, docx_bytes, timeout=self.timeout)
        try:
            with self.queue.slot() as slot:
                try:
                    return self._convert_once(slot, docx_bytes)
                except OfficeDied as error:
                    log.warning("LibreOffice stopped (%s): trying again on a fresh one", error)
                try:
                    return self._convert_once(slot, docx_bytes)
                except OfficeDied as error:
                    raise PdfFailedError(f"LibreOffice stopped twice: {error}") from error
        finally:
            # Once the slot is free again: replace what was stopped, warm what never started.
            if any(slot.instance is None for slot in self.slots):
                self._warm_in_background()

    def instances(self):
        """The instances started now (some may be busy)."""
        return [slot.instance for slot in self.slots if slot.instance is not None]

    def close(self):
        """Stop every instance and start no more. Conversions under way fail."""
        with self._lock:
            self._closed = True
            warmer = self._warmer
            starting = list(self._starting)
        for instance in self.instances() + starting:
            instance.kill()  # whoever is using or starting it sees it die, and stops it
        if warmer is not None:
            warmer.join(timeout=self.start_timeout)
        for slot in self.queue.idle():
            self._discard(slot)
            self.queue.give_back(slot)

    def forget_after_fork(self):
        """In a forked child: the instances are the parent's. Let go of them untouched, and
        start from nothing (locks held at the fork may never be released here)."""
        for instance in self.instances():
            instance.forget()
        self._reset()

    def _convert_once(self, slot, docx_bytes):
        """The PDF, or PdfFailedError; OfficeDied (the instance is gone) to try again."""
        instance = self._ready_instance(slot)
        try:
            result = instance.convert(docx_bytes, timeout=self.timeout)
        except OfficeHung as error:
            self._discard(slot)
            raise PdfFailedError(
                f"LibreOffice took longer than {self.timeout} seconds: restarting it"
            ) from error
        except OfficeDied:
            self._discard(slot)
            raise
        except OfficeError as error:
            raise PdfFailedError(str(error)) from error
        self._recycle_if_grown(slot)
        return result

    def _ready_instance(self, slot):
        if slot.instance is not None and not slot.instance.alive():
            self._discard(slot)
        if slot.instance is None:
            self._start(slot)
        return slot.instance

    def _start(self, slot):
        if not self.started:
            self._warm_in_background()  # the other slots, while this one starts
        with self._lock:
            if self._closed:
                raise PdfFailedError("PDF conversion has stopped: the service is shutting down")
            instance = OfficeInstance.launch(self.program, self.python)
            self.started.append(instance)
            self._starting.add(instance)
        try:
            instance.wait_ready(self.start_timeout)
        except OfficeError as error:  # it has been stopped
            with self._lock:
                self._starting.discard(instance)
            if isinstance(error, OfficeHung):
                message = f"LibreOffice did not start within {self.start_timeout} seconds"
                raise PdfFailedError(message) from error
            raise PdfFailedError(str(error)) from error
        with self._lock:
            self._starting.discard(instance)
            closed = self._closed
            if not closed:
                slot.instance = instance
        if closed:
            instance.stop()
            raise PdfFailedError("PDF conversion has stopped: the service is shutting down")

    def _recycle_if_grown(self, slot):
        instance = slot.instance
        memory = instance.memory_mb()
        if self.memory_limit_mb and memory > self.memory_limit_mb:
            log.info(
                "LibreOffice uses %.0f MB, more than PDF_MEMORY_LIMIT_MB (%s): restarting it",
                memory,
                self.memory_limit_mb,
            )
        elif instance.conversions < RECYCLE_AFTER:
            return
        self._discard(slot)

    def _discard(self, slot):
        instance, slot.instance = slot.instance, None
        if instance is not None:
            instance.stop()

    def _warm_in_background(self):
        """Start instances for the free slots that have none, one at a time, while nobody
        waits in the queue."""
        with self._lock:
            if self._closed or (self._warmer is not None and self._warmer.is_alive()):
                return
            self._warmer = threading.Thread(target=self._warm, name="pdf-warm-up", daemon=True)
            self._warmer.start()

    def _warm(self):
        while not self._closed:
            slot = self.queue.try_take(lambda slot: slot.instance is None)
            if slot is None:
                return
            try:
                self._start(slot)
            except PdfFailedError as error:
                log.warning("LibreOffice could not be started ahead of need: %s", error)
                return
            finally:
                self.queue.give_back(slot)
