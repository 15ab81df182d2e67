using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Models;

/// <summary>
/// NumPy <c>.npy</c> format version 1.0 for float32 arrays (numpy/numpy:numpy/lib/format.py): magic
/// <c>\x93NUMPY</c>, version 1.0, a little-endian uint16 header length, an ASCII dict header padded with
/// spaces and ending in '\n' so the data starts at a multiple of 64 bytes, then the C-order data.
/// <c>np.load</c> reads what this writes, so embeddings can be inspected in Python.
/// </summary>
public static class NpyFile
{
    private static readonly byte[] Magic = { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y' };
    private const int Alignment = 64;

    /// <summary>Writes a float32 array of the given shape atomically (temp file, then rename).</summary>
    public static void Write(string path, ReadOnlySpan<float> data, params int[] shape)
    {
        var count = shape.Aggregate(1L, (a, d) => a * d);
        if (count != data.Length) throw new ArgumentException($"Shape ({string.Join(", ", shape)}) holds {count} values, data has {data.Length}.");
        AtomicFile.WriteAllBytes(path, ToBytes(data, shape));
    }

    public static byte[] ToBytes(ReadOnlySpan<float> data, params int[] shape)
    {
        var shapeText = shape.Length == 1 ? $"({shape[0]},)" : "(" + string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + ")";
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shapeText + ", }";
        var preamble = Magic.Length + 2 + 2;
        var padded = header.Length + 1;
        padded += (Alignment - (preamble + padded) % Alignment) % Alignment;
        header = header.PadRight(padded - 1) + "\n";
        var bytes = new byte[preamble + header.Length + data.Length * 4];
        Magic.CopyTo(bytes, 0);
        bytes[6] = 1;
        bytes[7] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)header.Length);
        Encoding.ASCII.GetBytes(header, bytes.AsSpan(preamble));
        var body = bytes.AsSpan(preamble + header.Length);
        for (var i = 0; i < data.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(body[(i * 4)..], data[i]);
        return bytes;
    }

    /// <summary>Reads a little-endian float32 C-order array; anything else is a clear error naming the file.</summary>
    public static (float[] Data, int[] Shape) Read(string path)
    {
        try
        {
            return Parse(File.ReadAllBytes(path));
        }
        catch (FormatException e)
        {
            throw new InvalidDataException($"'{path}' is not a float32 .npy file: {e.Message}", e);
        }
    }

    /// <summary>Reads a one-dimensional float32 vector (an embedding).</summary>
    public static float[] ReadVector(string path)
    {
        var (data, shape) = Read(path);
        if (shape.Length != 1 && !(shape.Length == 2 && shape[0] == 1))
        {
            throw new InvalidDataException($"'{path}' holds an array of shape ({string.Join(", ", shape)}), not a vector.");
        }
        return data;
    }

    public static (float[] Data, int[] Shape) Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 10 || !bytes[..6].SequenceEqual(Magic)) throw new FormatException("no NUMPY magic");
        var major = bytes[6];
        int headerLength, preamble;
        if (major == 1) { headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes[8..]); preamble = 10; }
        else if (major is 2 or 3) { headerLength = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(bytes[8..])); preamble = 12; }
        else throw new FormatException($"unsupported version {major}");
        if (preamble + headerLength > bytes.Length) throw new FormatException("header runs past the end");
        var header = Encoding.ASCII.GetString(bytes.Slice(preamble, headerLength));
        var descr = Regex.Match(header, @"'descr'\s*:\s*'([^']*)'");
        if (!descr.Success || descr.Groups[1].Value is not ("<f4" or "float32")) throw new FormatException($"dtype {(descr.Success ? descr.Groups[1].Value : "?")} (float32 '<f4' expected)");
        if (Regex.IsMatch(header, @"'fortran_order'\s*:\s*True")) throw new FormatException("Fortran order");
        var shapeMatch = Regex.Match(header, @"'shape'\s*:\s*\(([^)]*)\)");
        if (!shapeMatch.Success) throw new FormatException("no shape");
        var shape = shapeMatch.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var count = shape.Aggregate(1L, (a, d) => a * d);
        var body = bytes[(preamble + headerLength)..];
        if (body.Length != count * 4) throw new FormatException($"{body.Length} data bytes for {count} float32 values");
        var data = new float[count];
        for (var i = 0; i < data.Length; i++) data[i] = BinaryPrimitives.ReadSingleLittleEndian(body[(i * 4)..]);
        return (data, shape);
    }
}
