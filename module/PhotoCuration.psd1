@{
    RootModule           = 'PhotoCuration.Cmdlets.dll'
    # The one version source: Directory.Build.props reads it for the assemblies, build.ps1 for the
    # package; bump it (and CHANGELOG.md) for every release.
    ModuleVersion        = '0.2.0'
    GUID                 = '6f1d3a52-8c1e-4d8e-9b3a-2f61c7a4e0b9'
    Author               = 'PhotoCuration contributors'
    CompanyName          = 'PhotoCuration'
    Copyright            = '(c) PhotoCuration contributors'
    Description          = 'Curates a photo shoot: imports, preprocesses, scores, groups and selects a ranked, diverse, explained set of photos. Compiled cmdlets; nothing the user owns is ever modified.'
    PowerShellVersion    = '7.4'
    CompatiblePSEditions = @('Core')
    # The engine and its dependencies load from Dependencies/ into a private load context on import;
    # they are deliberately not listed in RequiredAssemblies or NestedModules (they would load twice).
    RequiredAssemblies   = @('PhotoCuration.Contracts.dll')
    FormatsToProcess     = @('PhotoCuration.format.ps1xml')
    CmdletsToExport      = @(
        'Import-PhotoBatch'
        'New-PhotoBatchInput'
        'Invoke-Preprocess'
        'Get-PhotoFeatures'
        'Find-PhotoFace'
        'Measure-PhotoScore'
        'Invoke-MomentRanking'
        'New-PhotoSampleShoot'
        'Get-PhotoRuntimeInfo'
        'Get-PhotoModel'
        'Get-PhotoTheme'
        'Test-PhotoTheme'
        'Group-PhotoMoment'
        'Select-CuratedSet'
        'Invoke-PhotoCuration'
        'Start-PhotoCurationWorker'
        'Get-PhotoCurationQueue'
        'Clear-PhotoCurationCache'
        'Import-PhotoStage'
        'Export-CuratedList'
        'Export-CurationReport'
        'Start-CurationReview'
        'Stop-CurationReview'
        'Measure-CurationAgreement'
        'New-PhotoTheme'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Photo', 'Photography', 'Curation', 'Culling', 'EXIF', 'XMP', 'Lightroom', 'darktable', 'digiKam', 'ImageQuality', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            # The project has no public web address yet, so ProjectUri, LicenseUri and IconUri are left out
            # rather than filled with a placeholder: the licence ships inside the package (LICENSE,
            # THIRD-PARTY-NOTICES.md). build.ps1 stamps ReleaseNotes with this version's CHANGELOG.md section.
            ReleaseNotes = ''
        }
    }
}
