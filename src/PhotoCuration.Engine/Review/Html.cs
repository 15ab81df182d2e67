using System.Globalization;
using System.Net;

namespace PhotoCuration.Engine.Review;

/// <summary>
/// Escaping for the review page. Every string that comes from a file, EXIF, a stage record or the
/// user (file names, descriptions, camera strings, reasons, ids) goes through <see cref="Text"/>; the
/// page writes attribute values in double quotes only, so one encoder serves text and attributes.
/// </summary>
internal static class Html
{
    /// <summary>Encodes &lt; &gt; &amp; " and ' (WebUtility.HtmlEncode), so no string can open a tag, close an attribute or start an entity.</summary>
    public static string Text(string? value) => WebUtility.HtmlEncode(value ?? "");

    public static string Number(double value, string format = "0.00") => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>A percentage for a CSS width, clamped to [0,100].</summary>
    public static string Percent(double value) => Math.Clamp(value * 100, 0, 100).ToString("0.#", CultureInfo.InvariantCulture);
}
