using System.Management.Automation;

namespace PhotoCuration.Cmdlets.Taste;

/// <summary>
/// <para type="synopsis">Learns a theme from a photographer's past picks: fits the scorecard weights, the gate cutoff and a taste over measured properties to their culled shoots, and adopts them only when they agree better on held-out shoots.</para>
/// <para type="description">New-PhotoTheme -LearnFrom curates each folder in -Workspace (a normal run under -BaseTheme, cached like any other), reads the photographer's decisions from XMP (sidecars, else embedded: xmp:Rating with -1 rejected, xmp:Label, xmpDM:pick, digiKam:PickLabel) and fits the five weights (Q_tech, Aesthetic, Vibe, Typography, Composition) with a pairwise-logistic (Bradley-Terry) model on within-moment pairs of a pick and a non-pick (unrated frames count half), constrained to weights from 0 to 0.6 that sum to 1 and pulled toward the base theme by a prior; then the gate cutoff q_tech_min near the base one. Picks are each shoot's pick flags, else its top rated tier. A folder without decisions is not learned from.</para>
/// <para type="description">On top of that Total it learns a taste over 14 raw measured properties (warmth, colourfulness, saturation, brightness, contrast, local contrast, subject detail, subject isolation, noise, negative space, subject centring, rule of thirds, balance, edge cut), each standardized within its shoot: a pairwise-logistic model on the same pairs with an L2 pull of every coefficient toward 0. It is written as the theme's taste: block (each property's mean, sd and weight in Total per sd) and Measure-PhotoScore adds it to Total, at most 0.15 either way, naming the largest contributions in the score's Taste component. When every photo has a CLIP image embedding of one model (Get-PhotoFeatures ran with a CLIP model), the embedding joins the fit as further columns with the same L2 pull, and the taste block gains an embedding part (model, scale, mean and weight vectors) that Measure-PhotoScore applies to photos with an embedding of that model. The weights, cutoff and taste are adopted together or not at all; the learned taste is returned in LearnedTaste either way.</para>
/// <para type="description">It measures leave-one-shoot-out within-moment agreement of the base and the learned theme, a 95% bootstrap interval of the gain over held-out moments, and a learning curve over 1, 2, 4 and 8 training shoots. The learned weights are written only when the interval lies above 0; otherwise the base weights are written and the verdict says why. The theme file is a normal theme.yaml with a comment block saying what it learned from; it is written atomically and returned with the evidence as a ThemeLearning object.</para>
/// <example>
///   <code>New-PhotoTheme -LearnFrom ./2023/*/ -Name my-taste -OutFile ./data/themes/my-taste.yaml</code>
///   <para>Learns from every culled shoot of 2023 and writes the theme; use it with Invoke-PhotoCuration -Theme my-taste.</para>
/// </example>
/// <example>
///   <code>(New-PhotoTheme -LearnFrom ./a, ./b, ./c -Name t -OutFile t.yaml -Workspace ./ws).LearningCurve</code>
///   <para>Shows how held-out agreement grows with the number of shoots learned from.</para>
/// </example>
/// <example>
///   <code>(New-PhotoTheme -LearnFrom ./2023/*/ -Name t -OutFile t.yaml).LearnedTaste.Properties | Sort-Object { [math]::Abs($_.Weight) } -Descending | Select-Object -First 3</code>
///   <para>Lists the three measured properties the photographer's choices follow most (positive: prefers more of it).</para>
/// </example>
/// </summary>
[Cmdlet(VerbsCommon.New, "PhotoTheme", SupportsShouldProcess = true)]
[OutputType(typeof(ThemeLearning))]
public sealed class NewPhotoThemeCommand : PhotoCmdletBase
{
    /// <summary>
    /// <para type="description">Folders of culled shoots (wildcards allowed): photos with the photographer's ratings, labels or pick flags in XMP.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string[] LearnFrom { get; set; } = Array.Empty<string>();

    /// <summary>
    /// <para type="description">Name of the new theme (1-64 characters).</para>
    /// </summary>
    [Parameter(Mandatory = true)]
    [ValidateLength(1, 64)]
    public string Name { get; set; } = "";

    /// <summary>
    /// <para type="description">The theme.yaml to write.</para>
    /// </summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string OutFile { get; set; } = "";

    /// <summary>
    /// <para type="description">Workspace for the runs over the shoots (their stage records and cache). Default: the current location.</para>
    /// </summary>
    [Parameter]
    public string? Workspace { get; set; }

    /// <summary>
    /// <para type="description">Theme to start from (name or path); its weights are the prior and what is written when learning is not adopted. Default: the built-in theme.</para>
    /// </summary>
    [Parameter]
    public string? BaseTheme { get; set; }

    /// <summary>
    /// <para type="description">Seed of the bootstrap (default 19): the same shoots and seed give the same theme file.</para>
    /// </summary>
    [Parameter]
    public int Seed { get; set; } = 19;

    /// <summary>
    /// <para type="description">Named library roots, e.g. @{ archive = '/mnt/photos' }: -LearnFrom may name a shoot as archive:/relative/path, and the runs over the shoots record their originals so (stage JSON readable on any machine with its own -Library; about_PhotoCuration_Library).</para>
    /// </summary>
    [Parameter]
    public System.Collections.Hashtable? Library { get; set; }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        var folders = ResolvePaths(Distributed.DistributedBridge.ResolveLibraryPaths(this, Library, LearnFrom)).Where(Directory.Exists).ToList();
        if (folders.Count == 0)
        {
            WriteError(new ErrorRecord(new DirectoryNotFoundException("-LearnFrom names no existing folder."), "NoShootFolders", ErrorCategory.ObjectNotFound, LearnFrom));
            return;
        }
        var outFile = ResolveLiteralPath(OutFile);
        if (!ShouldProcess(outFile, $"Learn theme '{Name}' from {folders.Count} folder(s)")) return;
        if (TasteBridge.Learn(this, folders, Name, outFile, ResolveWorkspace(Workspace), BaseTheme, Seed, Distributed.DistributedBridge.Library(this, Library), Cancellation) is { } learned) WriteObject(learned);
    }
}
