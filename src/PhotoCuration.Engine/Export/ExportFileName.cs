using System.Globalization;
using System.Text;
using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Export;

/// <summary>
/// Names of exported copies: <c>NN_&lt;name&gt;</c>, NN the sequence number (layout order) zero-padded to at
/// least two digits (three for 100+ picks, so names sort in sequence order), the name sanitized like derived files (letters of any
/// script, digits, '-', '_', '.'; nothing that can leave the folder). Two originals with the same name
/// from different folders never collide: their sequence numbers differ.
/// </summary>
public static class ExportFileName
{
    private const int MaxExtensionLength = 10;

    public static string For(int sequence, int count, string originalFileName)
    {
        if (sequence < 1) throw new ArgumentOutOfRangeException(nameof(sequence), "Sequence numbers start at 1.");
        var width = Math.Max(2, Math.Max(count, sequence).ToString(CultureInfo.InvariantCulture).Length);
        var stem = DerivedFileName.SafeStem(Path.GetFileNameWithoutExtension(originalFileName));
        return sequence.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0') + "_" + stem + SafeExtension(Path.GetExtension(originalFileName));
    }

    /// <summary>The XMP sidecar of a file: same name, extension <c>.xmp</c> (the Adobe convention Lightroom and Bridge look for).</summary>
    public static string SidecarFor(string path) => Path.ChangeExtension(path, ".xmp");

    /// <summary>ASCII letters and digits only, so ".JPG" stays ".JPG" and ".jp g;rm" becomes ".jpgrm".</summary>
    private static string SafeExtension(string extension)
    {
        var sb = new StringBuilder();
        foreach (var c in extension.TrimStart('.'))
        {
            if (char.IsAsciiLetterOrDigit(c) && sb.Length < MaxExtensionLength) sb.Append(c);
        }
        return sb.Length == 0 ? "" : "." + sb;
    }
}
