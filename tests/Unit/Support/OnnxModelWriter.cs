#nullable disable
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace PhotoCuration.Tests.Support
{
    /// <summary>
    /// Writes small valid ONNX models without Python (docs/algorithms.md#test-models, onnx/onnx:onnx/onnx.proto, proto2
    /// wire format): ModelProto{ir_version 1, graph 7, opset_import 8}, GraphProto{node 1, name 2,
    /// initializer 5, input 11, output 12}, NodeProto{input 1, output 2, name 3, op_type 4,
    /// attribute 5}, TensorProto{dims 1, data_type 2, name 8, raw_data 9}. Plain C# so Pester can
    /// compile it with Add-Type.
    /// </summary>
    public sealed class OnnxGraph
    {
        public const int Float = 1, UInt8 = 2, Int32 = 6, Int64 = 7;
        private readonly List<byte[]> _nodes = new List<byte[]>();
        private readonly List<byte[]> _initializers = new List<byte[]>();
        private readonly List<byte[]> _inputs = new List<byte[]>();
        private readonly List<byte[]> _outputs = new List<byte[]>();
        private int _counter;

        /// <summary>dims: an int for a fixed dimension, a string for a symbolic one.</summary>
        public OnnxGraph Input(string name, int elemType, params object[] dims) { _inputs.Add(ValueInfo(name, elemType, dims)); return this; }
        public OnnxGraph Output(string name, int elemType, params object[] dims) { _outputs.Add(ValueInfo(name, elemType, dims)); return this; }

        public string Weights(string name, float[] data, params long[] dims)
        {
            var raw = new byte[data.Length * 4];
            Buffer.BlockCopy(data, 0, raw, 0, raw.Length);
            _initializers.Add(Tensor(name, Float, dims, raw));
            return name;
        }

        public string Int64s(string name, params long[] values)
        {
            var raw = new byte[values.Length * 8];
            Buffer.BlockCopy(values, 0, raw, 0, raw.Length);
            _initializers.Add(Tensor(name, Int64, new long[] { values.Length }, raw));
            return name;
        }

        /// <summary>Seeded uniform weights in [-scale, scale].</summary>
        public string Random(string name, int seed, float scale, params long[] dims)
        {
            var rng = new Random(seed);
            var n = dims.Aggregate(1L, (a, d) => a * d);
            var data = new float[n];
            for (var i = 0; i < n; i++) data[i] = (float)((rng.NextDouble() * 2 - 1) * scale);
            return Weights(name, data, dims);
        }

        /// <summary>Adds a node; returns its (first) output name. Attributes: (name, value) with long, float, long[] or string values.</summary>
        public string Node(string op, string[] inputs, string output = null, params (string Name, object Value)[] attributes)
        {
            output = output ?? op.ToLowerInvariant() + "_" + (_counter++);
            var m = new Proto();
            foreach (var i in inputs) m.String(1, i);
            m.String(2, output);
            m.String(3, "n" + (_counter++));
            m.String(4, op);
            foreach (var (name, value) in attributes) m.Message(5, Attribute(name, value));
            _nodes.Add(m.ToArray());
            return output;
        }

        public byte[] ToModel(long irVersion = 8, long opset = 17)
        {
            var g = new Proto();
            foreach (var n in _nodes) g.Message(1, n);
            g.String(2, "graph");
            foreach (var t in _initializers) g.Message(5, t);
            foreach (var i in _inputs) g.Message(11, i);
            foreach (var o in _outputs) g.Message(12, o);
            var opsetId = new Proto();
            opsetId.String(1, "");
            opsetId.Varint(2, opset);
            var model = new Proto();
            model.Varint(1, irVersion);
            model.String(2, "PhotoCuration.Tests");
            model.Message(7, g.ToArray());
            model.Message(8, opsetId.ToArray());
            return model.ToArray();
        }

        public void Save(string path)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path)));
            File.WriteAllBytes(path, ToModel());
        }

        private static byte[] ValueInfo(string name, int elemType, object[] dims)
        {
            var shape = new Proto();
            foreach (var d in dims)
            {
                var dim = new Proto();
                if (d is string s) dim.String(2, s); else dim.Varint(1, Convert.ToInt64(d));
                shape.Message(1, dim.ToArray());
            }
            var tensorType = new Proto();
            tensorType.Varint(1, elemType);
            tensorType.Message(2, shape.ToArray());
            var type = new Proto();
            type.Message(1, tensorType.ToArray());
            var info = new Proto();
            info.String(1, name);
            info.Message(2, type.ToArray());
            return info.ToArray();
        }

        private static byte[] Tensor(string name, int dataType, long[] dims, byte[] raw)
        {
            var t = new Proto();
            foreach (var d in dims) t.Varint(1, d);
            t.Varint(2, dataType);
            t.String(8, name);
            t.Bytes(9, raw);
            return t.ToArray();
        }

        private static byte[] Attribute(string name, object value)
        {
            var a = new Proto();
            a.String(1, name);
            switch (value)
            {
                case float f: a.Fixed32(2, f); a.Varint(20, 1); break;
                case long l: a.Varint(3, l); a.Varint(20, 2); break;
                case int i: a.Varint(3, i); a.Varint(20, 2); break;
                case string s: a.String(4, s); a.Varint(20, 3); break;
                case long[] ls: foreach (var l in ls) a.Varint(8, l); a.Varint(20, 7); break;
                default: throw new ArgumentException("Unsupported attribute type " + value.GetType());
            }
            return a.ToArray();
        }

        /// <summary>Protobuf wire encoding: tag = field &lt;&lt; 3 | wire type; varints; length-delimited bytes.</summary>
        private sealed class Proto
        {
            private readonly MemoryStream _s = new MemoryStream();
            public void Varint(int field, long value) { Tag(field, 0); Raw((ulong)value); }
            public void Fixed32(int field, float value) { Tag(field, 5); _s.Write(BitConverter.GetBytes(value), 0, 4); }
            public void String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));
            public void Message(int field, byte[] message) => Bytes(field, message);
            public void Bytes(int field, byte[] bytes) { Tag(field, 2); Raw((ulong)bytes.Length); _s.Write(bytes, 0, bytes.Length); }
            public byte[] ToArray() => _s.ToArray();
            private void Tag(int field, int wire) => Raw((ulong)((field << 3) | wire));
            private void Raw(ulong v)
            {
                while (v >= 0x80) { _s.WriteByte((byte)(v | 0x80)); v >>= 7; }
                _s.WriteByte((byte)v);
            }
        }
    }
}
