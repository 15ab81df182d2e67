using System.Management.Automation;

namespace PhotoCuration.Cmdlets;

/// <summary>
/// Files a cmdlet wrote, emitted as the FileSystem provider's items (what Get-Item returns): a bare
/// FileInfo lacks the provider's PSParentPath and PSIsContainer notes, so the default view showed it
/// with an empty Mode and Size and without its folder heading.
/// </summary>
internal static class FileItems
{
    public static void Write(PSCmdlet cmdlet, string path)
    {
        try
        {
            foreach (var item in cmdlet.InvokeProvider.Item.Get(new[] { path }, force: true, literalPath: true)) cmdlet.WriteObject(item);
        }
        catch (Exception ex) when (ex is ItemNotFoundException or ProviderInvocationException or NotSupportedException)
        {
            cmdlet.WriteObject(new FileInfo(path));   // -WhatIf, or a path the provider cannot show
        }
    }
}
