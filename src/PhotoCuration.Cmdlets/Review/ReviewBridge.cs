using System.Management.Automation;

namespace PhotoCuration.Cmdlets.Review;

/// <summary>Keeps engine types out of the public cmdlet class.</summary>
internal static class ReviewBridge
{
    public static CurationReview? Start(PSCmdlet cmdlet, string workspace, string batch, int port, CurationAgreement? agreement, Engine.Distributed.LibraryRoots library)
    {
        Engine.Review.ReviewServer? server;
        try
        {
            server = ReviewInput.Read(cmdlet, batch, () => Engine.Review.ReviewServer.Start(workspace, batch, port, cmdlet.WriteWarning, agreement, library));
        }
        catch (System.Net.HttpListenerException ex)
        {
            cmdlet.WriteError(new ErrorRecord(ex, "ReviewPortUnavailable", ErrorCategory.ResourceUnavailable, port));
            return null;
        }
        if (server is null) return null;
        foreach (var problem in server.Session.Problems) cmdlet.WriteError(ErrorRecords.ForPhoto(problem, problem.FilePath));
        var layout = new Engine.Workspace.WorkspaceLayout(workspace);
        var review = new CurationReview(server)
        {
            BatchId = server.Session.BatchId,
            Workspace = layout.Root,
            Url = server.Url,
            Port = server.Port,
            StartedAt = DateTimeOffset.Now,
            OverridesFile = Engine.Workspace.WorkspacePaths.ToRelative(layout, Engine.Workspace.BatchOverridesFile.PathFor(layout, server.Session.BatchId)),
        };
        ReviewRegistry.Add(review, server);
        return review;
    }

    public static IEnumerable<string> Drain(CurationReview review) =>
        ReviewRegistry.ServerOf(review) is Engine.Review.ReviewServer server ? server.DrainLog().ToList() : Enumerable.Empty<string>();
}
