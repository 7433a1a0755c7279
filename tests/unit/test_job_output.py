"""Masking of job output as it is stored: no part of a masked value is ever
written, even when the value arrives split across chunks."""

from __future__ import annotations

from djinn.runner.runner import JobOutput


class Recorder(JobOutput):
    def __init__(self, masks):
        super().__init__(database=None, job_id=0, masks=masks)
        self.stored: list[str] = []
        self.last_flush = float("inf")  # flushes only when the test says so

    def flush(self, final: bool = False) -> None:
        if final:
            self.text += self.decoder.decode(b"", final=True)
        self.stored.append(self.masked(final))


def test_a_secret_split_across_chunks_is_never_stored_in_part():
    out = Recorder(["hunter22", "abc123xyz"])
    for chunk in (b"token=hun", b"ter22 and abc1", b"23xyz done\n"):
        out(chunk)
        out.flush()
    out.flush(final=True)
    assert out.stored == [
        "token=",
        "token=xxxxxx and ",
        "token=xxxxxx and xxxxxx done\n",
        "token=xxxxxx and xxxxxx done\n",
    ]
    assert all("hun" not in s and "abc1" not in s for s in out.stored)


def test_a_tail_that_is_only_like_a_secret_is_released_at_the_end():
    out = Recorder(["hunter22"])
    out(b"say hunt")
    out.flush()
    out.flush(final=True)
    assert out.stored == ["say ", "say hunt"]


def test_multibyte_characters_split_across_chunks():
    out = Recorder([])
    data = "héllo ✓\n".encode()
    for i in range(len(data)):
        out(data[i : i + 1])
    out.flush(final=True)
    assert out.stored[-1] == "héllo ✓\n"
