"""gpt-oss-20b and gpt-oss-120b tensor inventories, rebuilt from the published
architecture so the planner can be tested with real-world numbers without the
12 GB / 63 GB files.

Sources: OpenAI's model card and `config.json` of openai/gpt-oss-20b and
openai/gpt-oss-120b (hidden 2880, 64 query heads and 8 KV heads of dim 64,
expert FFN width 2880, vocabulary 201088, sliding window 128 on every other
layer; 24 layers / 32 experts and 36 layers / 128 experts), and the tensor
names and types of the ggml-org `*-mxfp4.gguf` conversions as written by
llama.cpp's convert_hf_to_gguf.py: expert matrices MXFP4 (ggml blocks of 32
values in 17 bytes = 4.25 bits), other matrices Q8_0 (32 values in 34 bytes),
norms, biases, sinks and the router in F32.  The totals come to 12.1e9 and
63.4e9 bytes, matching the published file sizes (≈ 12.1 GB and ≈ 63 GB) — the
tests check that.
"""

from __future__ import annotations

from dataclasses import dataclass

from engine.runtime.planner import ModelShape

HIDDEN = 2880
N_HEAD = 64
N_KV_HEAD = 8
HEAD_DIM = 64
EXPERT_FFN = 2880
VOCAB = 201088
SLIDING_WINDOW = 128


@dataclass(frozen=True)
class GptOss:
    n_layers: int
    n_experts: int

    @property
    def shape(self) -> ModelShape:
        return ModelShape(
            n_layers=self.n_layers,
            n_kv_heads=N_KV_HEAD,
            key_length=HEAD_DIM,
            value_length=HEAD_DIM,
            sliding_window=SLIDING_WINDOW,
            n_swa_layers=self.n_layers // 2,
            n_vocab=VOCAB,
        )

    def tensors(self) -> list[tuple[str, int]]:
        inventory = [
            ("token_embd.weight", q8_0(VOCAB * HIDDEN)),
            ("output.weight", q8_0(VOCAB * HIDDEN)),
            ("output_norm.weight", f32(HIDDEN)),
        ]
        for layer in range(self.n_layers):
            inventory += [(f"blk.{layer}.{name}", n) for name, n in self._block()]
        return inventory

    def _block(self) -> list[tuple[str, int]]:
        q_out = N_HEAD * HEAD_DIM
        kv_out = N_KV_HEAD * HEAD_DIM
        experts = self.n_experts
        block = [
            ("attn_norm.weight", f32(HIDDEN)),
            ("post_attention_norm.weight", f32(HIDDEN)),
            ("attn_q.weight", q8_0(HIDDEN * q_out)),
            ("attn_q.bias", f32(q_out)),
            ("attn_k.weight", q8_0(HIDDEN * kv_out)),
            ("attn_k.bias", f32(kv_out)),
            ("attn_v.weight", q8_0(HIDDEN * kv_out)),
            ("attn_v.bias", f32(kv_out)),
            ("attn_output.weight", q8_0(q_out * HIDDEN)),
            ("attn_output.bias", f32(HIDDEN)),
            ("attn_sinks.weight", f32(N_HEAD)),
            ("ffn_gate_inp.weight", f32(HIDDEN * experts)),
            ("ffn_gate_inp.bias", f32(experts)),
        ]
        for kind in ("gate", "up", "down"):
            block.append((f"ffn_{kind}_exps.weight", mxfp4(experts * HIDDEN * EXPERT_FFN)))
            block.append((f"ffn_{kind}_exps.bias", f32(experts * EXPERT_FFN)))
        return block


def q8_0(n_values: int) -> int:
    return n_values // 32 * 34


def mxfp4(n_values: int) -> int:
    return n_values // 32 * 17


def f32(n_values: int) -> int:
    return n_values * 4


GPT_OSS_20B = GptOss(n_layers=24, n_experts=32)
GPT_OSS_120B = GptOss(n_layers=36, n_experts=128)
