#nullable disable
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace PhotoCuration.Tests.Support
{
    /// <summary>
    /// Stand-ins for Immich's OpenCLIP exports (docs/algorithms.md#clip-model-folder-and-tokenizer) written with <see cref="OnnxGraph"/>: the
    /// same folder layout, graph I/O names, dtypes and shapes, with small seeded weights, plus broken
    /// variants for the error paths and a ViT-B/32-shaped encoder (patch 32, width 768, 12 blocks) for
    /// throughput. Plain C# so Pester compiles it with Add-Type.
    /// </summary>
    public static class ImmichModelFactory
    {
        public sealed class Options
        {
            public int Size = 224;
            public int Dim = 16;
            public bool FixedBatch = true;
            public bool Textual = true;
            public bool Tokenizer = true;
            public bool VitB32 = false;
            public string VisualInput = "image";
            public int VisualType = OnnxGraph.Float;
            public int? DeclaredSize;
            public int TextDim = 0;
        }

        public static string WriteClipFolder(string parent, string name, Options o = null)
        {
            o = o ?? new Options();
            var root = Path.Combine(parent, name);
            Directory.CreateDirectory(Path.Combine(root, "visual"));
            File.WriteAllText(Path.Combine(root, "config.json"),
                "{\"embed_dim\": " + o.Dim + ", \"vision_cfg\": {\"image_size\": " + o.Size + ", \"patch_size\": 32}, \"text_cfg\": {\"context_length\": 77}}");
            (o.VitB32 ? VitB32Visual(o) : TinyVisual(o)).Save(Path.Combine(root, "visual", "model.onnx"));
            if (o.Textual)
            {
                Textual(o.FixedBatch, o.TextDim > 0 ? o.TextDim : o.Dim).Save(Path.Combine(root, "textual", "model.onnx"));
                if (o.Tokenizer)
                {
                    ClipMergesFixture.WriteTokenizerJson(Path.Combine(root, "textual", "tokenizer.json"));
                    File.WriteAllText(Path.Combine(root, "textual", "tokenizer_config.json"), "{\"pad_token\": \"<|endoftext|>\"}");
                }
            }
            return root;
        }

        private static object Batch(bool fixedBatch) => fixedBatch ? (object)1 : "batch";

        /// <summary>image → AveragePool to 8×8 → Flatten → MatMul → LpNormalization: content-dependent embeddings.</summary>
        public static OnnxGraph TinyVisual(Options o)
        {
            var g = new OnnxGraph();
            var s = o.DeclaredSize ?? o.Size;
            g.Input(o.VisualInput, o.VisualType, Batch(o.FixedBatch), 3, s, s);
            var x = o.VisualInput;
            if (o.VisualType != OnnxGraph.Float) x = g.Node("Cast", new[] { x }, null, ("to", 1L));
            var k = Math.Max(1, s / 8);
            var pooled = g.Node("AveragePool", new[] { x }, null, ("kernel_shape", new long[] { k, k }), ("strides", new long[] { k, k }));
            var flat = g.Node("Flatten", new[] { pooled }, null, ("axis", 1L));
            var cells = 3 * (s / k) * (s / k);
            var proj = g.Node("MatMul", new[] { flat, g.Random("w_visual", 11, 1f, cells, o.Dim) });
            g.Node("LpNormalization", new[] { proj }, "embedding", ("axis", 1L), ("p", 2L));
            g.Output("embedding", OnnxGraph.Float, Batch(o.FixedBatch), o.Dim);
            return g;
        }

        /// <summary>
        /// ViT-B/32 shape (Radford et al. 2021): 32-px patches of 224 (49 tokens) embedded to width 768, 12 pre-norm
        /// blocks (attention with Q, K, V and output projections, MLP 768→3072→768 with QuickGELU), mean
        /// pooling, projection to 512. One set of block weights is shared by the 12 blocks so the file stays
        /// ~40 MB; the arithmetic per image (~4.4 GMAC) is a real ViT-B/32's.
        /// </summary>
        public static OnnxGraph VitB32Visual(Options o)
        {
            const int width = 768, mlp = 3072, layers = 12, patch = 32;
            var g = new OnnxGraph();
            g.Input("image", OnnxGraph.Float, Batch(o.FixedBatch), 3, o.Size, o.Size);
            var tokens = (o.Size / patch) * (o.Size / patch);
            var conv = g.Node("Conv", new[] { "image", g.Random("patch_w", 1, 0.02f, width, 3, patch, patch) }, null,
                ("kernel_shape", new long[] { patch, patch }), ("strides", new long[] { patch, patch }));
            var seq = g.Node("Reshape", new[] { conv, g.Int64s("seq_shape", 0, width, tokens) });
            var x = g.Node("Transpose", new[] { seq }, null, ("perm", new long[] { 0, 2, 1 }));
            var lnScale = g.Weights("ln_scale", Enumerable.Repeat(1f, width).ToArray(), width);
            var lnBias = g.Weights("ln_bias", new float[width], width);
            var wq = g.Random("wq", 2, 0.03f, width, width);
            var wk = g.Random("wk", 3, 0.03f, width, width);
            var wv = g.Random("wv", 4, 0.03f, width, width);
            var wo = g.Random("wo", 5, 0.03f, width, width);
            var w1 = g.Random("w1", 6, 0.03f, width, mlp);
            var w2 = g.Random("w2", 7, 0.015f, mlp, width);
            var geluScale = g.Weights("gelu_scale", new[] { 1.702f }, 1);
            var attnScale = g.Weights("attn_scale", new[] { 1f / (float)Math.Sqrt(width) }, 1);
            for (var l = 0; l < layers; l++)
            {
                var h = g.Node("LayerNormalization", new[] { x, lnScale, lnBias }, null, ("axis", -1L));
                var q = g.Node("MatMul", new[] { h, wq });
                var k = g.Node("MatMul", new[] { h, wk });
                var v = g.Node("MatMul", new[] { h, wv });
                var kt = g.Node("Transpose", new[] { k }, null, ("perm", new long[] { 0, 2, 1 }));
                var scores = g.Node("Mul", new[] { g.Node("MatMul", new[] { q, kt }), attnScale });
                var attn = g.Node("MatMul", new[] { g.Node("Softmax", new[] { scores }, null, ("axis", -1L)), v });
                x = g.Node("Add", new[] { x, g.Node("MatMul", new[] { attn, wo }) });
                var h2 = g.Node("LayerNormalization", new[] { x, lnScale, lnBias }, null, ("axis", -1L));
                var up = g.Node("MatMul", new[] { h2, w1 });
                var gelu = g.Node("Mul", new[] { up, g.Node("Sigmoid", new[] { g.Node("Mul", new[] { up, geluScale }) }) });
                x = g.Node("Add", new[] { x, g.Node("MatMul", new[] { gelu, w2 }) });
            }
            var pooled = g.Node("ReduceMean", new[] { x }, null, ("axes", new long[] { 1 }), ("keepdims", 0L));
            var proj = g.Node("MatMul", new[] { pooled, g.Random("proj", 8, 0.03f, width, o.Dim) });
            g.Node("LpNormalization", new[] { proj }, "embedding", ("axis", 1L), ("p", 2L));
            g.Output("embedding", OnnxGraph.Float, Batch(o.FixedBatch), o.Dim);
            return g;
        }

        /// <summary>text int32 [B,77] → Cast → ·0.001 → Sin → MatMul → LpNormalization.</summary>
        public static OnnxGraph Textual(bool fixedBatch, int dim)
        {
            var g = new OnnxGraph();
            g.Input("text", OnnxGraph.Int32, Batch(fixedBatch), 77);
            var f = g.Node("Cast", new[] { "text" }, null, ("to", 1L));
            var sin = g.Node("Sin", new[] { g.Node("Mul", new[] { f, g.Weights("tscale", new[] { 0.001f }, 1) }) });
            var proj = g.Node("MatMul", new[] { sin, g.Random("w_text", 13, 1f, 77, dim) });
            g.Node("LpNormalization", new[] { proj }, "embedding", ("axis", 1L), ("p", 2L));
            g.Output("embedding", OnnxGraph.Float, Batch(fixedBatch), dim);
            return g;
        }

        /// <summary>An aesthetic head: float [N, dim] → MatMul + Add → [N, 1] (an affine map, as the folded LAION MLP).</summary>
        public static void WriteAestheticHead(string path, int dim, float bias = 5f)
        {
            var g = new OnnxGraph();
            g.Input("input", OnnxGraph.Float, "batch", dim);
            var y = g.Node("MatMul", new[] { "input", g.Random("w", 17, 1f, dim, 1) });
            g.Node("Add", new[] { y, g.Weights("b", new[] { bias }, 1) }, "score");
            g.Output("score", OnnxGraph.Float, "batch", 1);
            g.Save(path);
        }
    }

    /// <summary>
    /// A CLIP merge table for tests: OpenAI's layout (48,894 merges after a version line, so
    /// &lt;|startoftext|&gt; = 49406 and &lt;|endoftext|&gt; = 49407) with the merges behind the golden sentence
    /// of docs/algorithms.md#clip-model-folder-and-tokenizer. A final token's id is 512 + its merge rank, so the final merges sit at the real
    /// ranks (e.g. "of&lt;/w&gt;" = 539 → rank 27); the intermediate merges that lead to them are chosen,
    /// not copied from the real table (which cannot be downloaded here). Other ranks hold inert fillers.
    /// </summary>
    public static class ClipMergesFixture
    {
        public const int MergeCount = 48894;

        private static readonly (int Rank, string Left, string Right)[] Known =
        {
            (3, "r", "e"), (16, "e", "r</w>"), (27, "o", "f</w>"), (43, "i", "s"), (50, "l", "l"), (150, "ll", "y</w>"),
            (200, "p", "h"), (250, "b", "i"), (260, "c", "a"), (270, "f", "u"), (280, "fu", "n"), (290, "c", "t"),
            (300, "ph", "o"), (310, "t", "a"), (400, "t", "o</w>"), (500, "a", "lly</w>"), (613, "pho", "to</w>"),
            (693, "bi", "g</w>"), (902, "re", "ally</w>"), (1691, "ta", "n"), (1856, "ca", "t</w>"), (8167, "fun", "ct"),
        };

        public static List<(string, string)> Merges()
        {
            var merges = new List<(string, string)>(MergeCount);
            var byRank = Known.ToDictionary(k => k.Rank, k => (k.Left, k.Right));
            for (var r = 0; r < MergeCount; r++)
            {
                // CJK symbols never occur after the byte-to-unicode mapping: these merges can never apply.
                merges.Add(byRank.TryGetValue(r, out var m) ? m : ("\u4e00" + r.ToString(System.Globalization.CultureInfo.InvariantCulture), "\u4e01"));
            }
            return merges;
        }

        public static void WriteOpenAiVocab(string path)
        {
            var sb = new StringBuilder("\"bpe_simple_vocab_16e6.txt#version: 0.2\n");
            foreach (var (l, r) in Merges()) sb.Append(l).Append(' ').Append(r).Append('\n');
            File.WriteAllText(path, sb.ToString()); // UTF-8 without BOM
        }

        /// <summary>HF tokenizer.json with model.vocab and model.merges, ids as OpenAI's vocabulary order gives them.</summary>
        public static void WriteTokenizerJson(string path)
        {
            var symbols = ByteSymbols();
            var vocab = new List<string>(symbols);
            vocab.AddRange(symbols.Select(s => s + "</w>"));
            var merges = Merges();
            vocab.AddRange(merges.Select(m => m.Item1 + m.Item2));
            vocab.Add("<|startoftext|>");
            vocab.Add("<|endoftext|>");
            var sb = new StringBuilder("{\"version\":\"1.0\",\"model\":{\"type\":\"BPE\",\"end_of_word_suffix\":\"</w>\",\"vocab\":{");
            for (var i = 0; i < vocab.Count; i++) sb.Append(i == 0 ? "" : ",").Append(Json(vocab[i])).Append(':').Append(i);
            sb.Append("},\"merges\":[");
            for (var i = 0; i < merges.Count; i++) sb.Append(i == 0 ? "" : ",").Append(Json(merges[i].Item1 + " " + merges[i].Item2));
            sb.Append("]}}");
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path)));
            File.WriteAllText(path, sb.ToString()); // UTF-8 without BOM
        }

        private static List<string> ByteSymbols()
        {
            var bs = new List<int>();
            for (var b = (int)'!'; b <= '~'; b++) bs.Add(b);
            for (var b = 0xA1; b <= 0xAC; b++) bs.Add(b);
            for (var b = 0xAE; b <= 0xFF; b++) bs.Add(b);
            var cs = new List<int>(bs);
            var n = 0;
            for (var b = 0; b < 256; b++) if (!bs.Contains(b)) { bs.Add(b); cs.Add(256 + n++); }
            return cs.Select(c => ((char)c).ToString()).ToList();
        }

        private static string Json(string s)
        {
            var sb = new StringBuilder("\"");
            foreach (var c in s)
            {
                if (c == '"' || c == '\\') sb.Append('\\').Append(c);
                else if (c < 0x20 || c > 0x7e) sb.Append("\\u").Append(((int)c).ToString("x4"));
                else sb.Append(c);
            }
            return sb.Append('"').ToString();
        }
    }
}
