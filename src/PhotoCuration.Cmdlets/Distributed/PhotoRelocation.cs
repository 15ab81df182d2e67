using System.Collections;
using System.Management.Automation;
using PhotoCuration.Engine.Distributed;

namespace PhotoCuration.Cmdlets.Distributed;

/// <summary>
/// -Library on a cmdlet that takes photos from the pipeline: each photo recorded library-relative is
/// read under this machine's root of its library (<see cref="LibraryRoots.Relocate"/>); one it cannot
/// place is one error record, and the photo goes no further.
/// </summary>
internal sealed class PhotoRelocation
{
    private readonly PSCmdlet _cmdlet;
    private readonly LibraryRoots _roots;

    public PhotoRelocation(PSCmdlet cmdlet, Hashtable? library)
    {
        _cmdlet = cmdlet;
        _roots = DistributedBridge.Library(cmdlet, library);
    }

    /// <summary>False (after writing its error) when the photo's library has no root among -Library, or its path climbs out of it.</summary>
    public bool Place(Photo photo)
    {
        try
        {
            _roots.Relocate(photo);
            return true;
        }
        catch (Engine.Core.PhotoInputException ex)
        {
            _cmdlet.WriteError(ErrorRecords.ForPhoto(ex, ex.FilePath));
            return false;
        }
    }
}
