namespace PhotoCuration.Engine.Features;

/// <summary>
/// Time of day of a photo [heuristic]. From the EXIF local capture hour: night before 05:00 and from
/// 21:00, dawn 05–07, morning 07–11, midday 11–14, afternoon 14–17, golden 17–19:30, dusk 19:30–21
/// (a mid-latitude summer day; latitude and season are not modelled). Without a capture time, from the
/// pixels: dark → night; dark and blue → dusk; warm and not bright → golden; else midday, afternoon or
/// morning by brightness.
/// </summary>
public static class TimeOfDay
{
    public static readonly IReadOnlyList<string> Labels = new[] { "dawn", "morning", "midday", "afternoon", "golden", "dusk", "night" };

    public static (string Label, string Source) Classify(DateTime? captureTimeLocal, ExposureResult exposure, double warmth)
    {
        if (captureTimeLocal is { } t) return (FromClock(t.TimeOfDay), "exif");
        return (FromPixels(exposure, warmth), "pixels");
    }

    public static string FromClock(TimeSpan time)
    {
        var h = time.TotalHours;
        return h switch
        {
            < 5 => "night",
            < 7 => "dawn",
            < 11 => "morning",
            < 14 => "midday",
            < 17 => "afternoon",
            < 19.5 => "golden",
            < 21 => "dusk",
            _ => "night",
        };
    }

    public static string FromPixels(ExposureResult e, double warmth)
    {
        if (e.P50 < 0.12 && e.P95 < 0.45) return "night";
        if (e.Mean < 0.3 && warmth < -0.05) return "dusk";
        if (warmth > 0.25 && e.Mean < 0.6) return "golden";
        if (e.Mean > 0.55) return "midday";
        return e.Mean > 0.4 ? "afternoon" : "morning";
    }
}
