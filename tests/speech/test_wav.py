"""app/speech/wav.py: WAV files written and read with the standard library, parts joined."""

from __future__ import annotations

import wave

import pytest

from app.speech.engine import Mark, Speech, SpeechError
from app.speech.wav import PAUSE_SECONDS, join, read_wav, silence, wav_bytes, write_wav


def _tone(frames: int, rate: int = 22050) -> Speech:
    pcm = b"".join(
        (1000 if i % 2 else -1000).to_bytes(2, "little", signed=True) for i in range(frames)
    )
    return Speech(pcm, rate, marks=(Mark(0, 0, 3, "sentence"), Mark(frames // 2, 4, 2, "word")))


def test_join_puts_pauses_between_and_moves_marks() -> None:
    a, b = _tone(100), _tone(50)
    joined = join([a, b])
    gap = round(PAUSE_SECONDS * 22050)
    assert len(joined.pcm) == 2 * (100 + gap + 50)
    assert joined.pcm[200 : 200 + 2 * gap] == silence(PAUSE_SECONDS, 22050)
    assert [m.sample_offset for m in joined.marks] == [0, 50, 100 + gap, 100 + gap + 25]
    assert join([]).pcm == b""


def test_join_refuses_mixed_rates() -> None:
    with pytest.raises(SpeechError, match="part 2 is 16000 Hz"):
        join([_tone(10), _tone(10, rate=16000)])


def test_round_trip(tmp_path) -> None:
    path = tmp_path / "out.wav"
    write_wav(path, _tone(300))
    with wave.open(str(path)) as w:
        assert (w.getnchannels(), w.getsampwidth(), w.getframerate(), w.getnframes()) == (
            1,
            2,
            22050,
            300,
        )
    back = read_wav(path.read_bytes())
    assert back.pcm == _tone(300).pcm and back.sample_rate == 22050
    assert wav_bytes(back) == path.read_bytes()


def test_read_refuses_what_is_not_16_bit_wav() -> None:
    with pytest.raises(SpeechError, match=r"voice\.wav: not a readable WAV file"):
        read_wav(b"OggS not a wav", "voice.wav")
    import io

    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(1)
        w.setframerate(8000)
        w.writeframes(b"\x80" * 10)
    with pytest.raises(SpeechError, match="only 16-bit PCM"):
        read_wav(buffer.getvalue(), "eight.wav")
