# Default views show properties: every table column of a photo or moment is a property a script can
# filter on, file names are not cut, files written come back as the provider's items (Mode, Size), and
# an exact copy is the later, longer-named file.

BeforeAll {
    Import-Module $env:PHOTOCURATION_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:shoot = New-TestShoot (Join-Path $TestDrive 'shoot')
    $script:long = 'IMG_0001 with a really long descriptive name from the client.jpg'
    Copy-Item (Join-Path $shoot 'IMG_0001.jpg') (Join-Path $shoot $long)
    # A copy named to sort before its original (' ' sorts before '.'), with the original's time, as Finder copies.
    Copy-Item (Join-Path $shoot 'IMG_0002.jpg') (Join-Path $shoot 'IMG_0002 (1).jpg')
    (Get-Item (Join-Path $shoot 'IMG_0002 (1).jpg')).LastWriteTimeUtc = (Get-Item (Join-Path $shoot 'IMG_0002.jpg')).LastWriteTimeUtc
    $script:ws = Join-Path $TestDrive 'ws'
    $script:photos = @(Import-PhotoBatch $shoot -Recurse -BatchId v -Workspace $ws)
}

Describe 'Photo table columns are properties' {
    It 'Where-Object Camera finds the photos the Camera column shows' {
        @($photos | Where-Object Camera -like '*Sample Camera*').Count | Should -Be $photos.Count
        @($photos | Where-Object Camera -like '*NIKON*').Count | Should -Be 0
    }

    It 'Captured, Status, Exposure and Pixels are properties too' {
        @($photos | Where-Object Captured -lt ([datetime]'2024-09-14 08:20')).FileName | Should -Contain 'IMG_0001.jpg'
        @($photos | Where-Object Status -EQ 'duplicate').Count | Should -Be 3
        $photos[0].Exposure | Should -Match 'ISO'
        $photos[0].Pixels | Should -Match '^\d+x\d+$'
    }

    It 'every column of the default table view names a property' {
        $view = ([xml](Get-Content -Raw (Join-Path $env:PHOTOCURATION_MODULE 'PhotoCuration.format.ps1xml'))).Configuration.ViewDefinitions.View | Where-Object Name -EQ 'PhotoCuration.Photo'
        $columns = @($view.TableControl.TableHeaders.TableColumnHeader.Label)
        foreach ($column in $columns | Where-Object { $_ -notin 'QTech', 'Total', 'Preprocessed' }) { $photos[0].PSObject.Properties.Name | Should -Contain $column }
    }

    It 'shows a long file name whole' {
        ($photos | Format-Table | Out-String -Width 250) | Should -Match ([regex]::Escape($long))
    }

    It 'moments have the Frames property their table shows' {
        $moments = @(Import-PhotoBatch $shoot -BatchId m -Workspace (Join-Path $TestDrive 'ws-m') | Invoke-Preprocess | Get-PhotoFeatures | Measure-PhotoScore | Group-PhotoMoment)
        @($moments | Where-Object Frames -GT 1).Count | Should -BeGreaterThan 0
        $moments | ForEach-Object { $_.Frames | Should -Be $_.Members.Count }
    }
}

Describe 'Exact copies' {
    It 'IMG_0002 (1).jpg is the copy of IMG_0002.jpg although it comes first' {
        $copy = $photos | Where-Object FileName -EQ 'IMG_0002 (1).jpg'
        $copy.DuplicateOf | Should -Be (Join-Path $shoot 'IMG_0002.jpg')
        ($photos | Where-Object FileName -EQ 'IMG_0002.jpg').DuplicateOf | Should -BeNullOrEmpty
    }
}

Describe 'Files written are the provider''s items' {
    It 'New-PhotoBatchInput returns the file with Mode and Size' {
        $file = New-PhotoBatchInput -Path $shoot -OutFile (Join-Path $TestDrive 'in.json')
        $file | Should -BeOfType System.IO.FileInfo
        $file.PSParentPath | Should -Not -BeNullOrEmpty
        $text = $file | Out-String -Width 200
        $text | Should -Match ('\b{0}\b' -f $file.Length)
        $text | Should -Match '-rw|-a---'
    }

    It 'Export-CurationReport and Export-CuratedList -PassThru do too' {
        $run = Invoke-PhotoCuration -Path $shoot -Workspace (Join-Path $TestDrive 'ws-r') -BatchId r -Count 3 -WarningAction SilentlyContinue
        $report = Export-CurationReport -Batch r -Workspace (Join-Path $TestDrive 'ws-r')
        $report.PSParentPath | Should -Not -BeNullOrEmpty
        ($report | Out-String -Width 200) | Should -Match ('\b{0}\b' -f $report.Length)
        $files = @($run.CuratedSet | Export-CuratedList -OutputPath (Join-Path $TestDrive 'book') -PassThru)
        $files.Count | Should -BeGreaterThan 3
        $files | ForEach-Object { $_.PSParentPath | Should -Not -BeNullOrEmpty }
    }
}
