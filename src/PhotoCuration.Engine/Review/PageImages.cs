namespace PhotoCuration.Engine.Review;

/// <summary>
/// How the review page names a photo's thumbnail (docs/architecture.md#review-page). A page written to
/// disk embeds each thumbnail as a <c>data:</c> URI, so it works offline as one file; the grid's tiles
/// there carry only <c>data-thumb</c> and the script lends them the embedded copy (one copy per photo).
/// The page a review server sends names <c>/api/thumb</c> with the server's token instead, lazily loaded,
/// so its payload grows with markup only and the browser fetches (and caches) the thumbnails it shows.
/// The fragments a decision sends back use the same served form.
/// </summary>
internal abstract class PageImages
{
    /// <summary>Markup of the thumbnail where a card or a strip shows it.</summary>
    public abstract string Tag(Photo photo);

    /// <summary>Markup of the thumbnail inside a grid tile.</summary>
    public abstract string TileTag(Photo photo);

    /// <summary>Thumbnails embedded (Export-CurationReport).</summary>
    public static PageImages Inline(Thumbnails thumbs) => new InlineImages(thumbs);

    /// <summary>Thumbnails served by the review server at <see cref="ThumbPath"/>.</summary>
    public static PageImages Served(Thumbnails thumbs, string token) => new ServedImages(thumbs, token);

    /// <summary>The review server's thumbnail address (the token in the query: an &lt;img&gt; sends no header).</summary>
    public const string ThumbPath = "/api/thumb";

    private static string Missing => "<div class=\"noimg\">no preview</div>";

    private static string Placeholder(Photo photo) => $"<img alt=\"{Html.Text(photo.FileName)}\" data-thumb=\"{Html.Text(photo.PhotoId)}\">";

    private sealed class InlineImages(Thumbnails thumbs) : PageImages
    {
        public override string Tag(Photo photo) => thumbs.Of(photo) is { } uri
            ? $"<img src=\"{Html.Text(uri)}\" alt=\"{Html.Text(photo.FileName)}\" loading=\"lazy\">"
            : Missing;

        public override string TileTag(Photo photo) => Placeholder(photo);
    }

    private sealed class ServedImages(Thumbnails thumbs, string token) : PageImages
    {
        public override string Tag(Photo photo) => thumbs.HasSource(photo)
            ? $"<img src=\"{ThumbPath}?id={Uri.EscapeDataString(photo.PhotoId)}&amp;t={token}\" alt=\"{Html.Text(photo.FileName)}\" loading=\"lazy\" decoding=\"async\">"
            : Missing;

        public override string TileTag(Photo photo) => thumbs.HasSource(photo) ? Tag(photo) : Placeholder(photo);
    }
}
