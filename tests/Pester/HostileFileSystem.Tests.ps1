# Folders no camera writes but users have, through Import-PhotoBatch: a named pipe called fifo.jpg, a
# link loop (dir_loop -> .), links beside their targets, a name that is not UTF-8. Each import finishes
# (a child pwsh killed after a timeout turns a hang into a failure) with one clear error per bad entry.

BeforeAll {
    Import-Module $env:PHOTOCURATION_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
}

Describe 'Import-PhotoBatch -Recurse on a hostile folder' -Skip:$IsWindows {
    BeforeAll {
        $sample = New-TestShoot (Join-Path $TestDrive 'sample')
        $script:shoot = Join-Path $TestDrive 'shoot'
        New-Item -ItemType Directory -Path (Join-Path $shoot 'day2') -Force | Out-Null
        Copy-Item (Join-Path $sample 'IMG_0001.jpg') (Join-Path $shoot 'a.jpg')
        Copy-Item (Join-Path $sample 'IMG_0002.jpg') (Join-Path $shoot 'day2/b.jpg')
        # A link beside its target, a link loop, a named pipe and a Latin-1 name ('café.jpg' as bytes 63 61 66 E9 ...).
        New-Item -ItemType SymbolicLink -Path (Join-Path $shoot 'link_to_a.jpg') -Target (Join-Path $shoot 'a.jpg') | Out-Null
        New-Item -ItemType SymbolicLink -Path (Join-Path $shoot 'dir_loop') -Target $shoot | Out-Null
        & mkfifo (Join-Path $shoot 'fifo.jpg')
        $LASTEXITCODE | Should -Be 0
        & bash -c 'cp "$1" "$2/caf$(printf "\xe9").jpg"' bash (Join-Path $sample 'IMG_0003.jpg') $shoot
        $LASTEXITCODE | Should -Be 0
        $ws = Join-Path $TestDrive 'ws'
        $child = Start-ChildPwsh @"
Import-Module '$env:PHOTOCURATION_MODULE'
`$photos = @(Import-PhotoBatch -Path '$shoot' -Recurse -BatchId hostile -Workspace '$ws' -ErrorVariable bad -ErrorAction SilentlyContinue)
`$result = [pscustomobject]@{
    Photos = @(`$photos | ForEach-Object { [IO.Path]::GetRelativePath('$shoot', `$_.Path) })
    Errors = @(`$bad | ForEach-Object { [pscustomobject]@{ Id = `$_.FullyQualifiedErrorId.Split(',')[0]; Target = [IO.Path]::GetFileName([string]`$_.TargetObject); Message = `$_.ErrorDetails.Message } })
}
'RESULT=' + (`$result | ConvertTo-Json -Depth 4 -Compress)
"@
        # Before the fix two workers blocked opening the pipe for ever: the guard turns that into a failure.
        $script:run = Receive-ChildPwsh $child -TimeoutSeconds 180
        $script:ingest = Get-Content -Raw -LiteralPath (Join-Path $ws 'intermediateJsons/ingest/hostile.json') | ConvertFrom-Json
    }

    AfterAll {
        # .NET cannot name the Latin-1 file, so Pester could not remove the test drive.
        & bash -c 'rm -rf "$1"' bash $shoot
    }

    It 'finishes, importing each real photo once (a link beside its target is one photo)' {
        $run.ExitCode | Should -Be 0 -Because $run.StdErr
        @($run.Result.Photos) | Should -Be @('a.jpg', 'day2/b.jpg')
    }

    It 'refuses the named pipe as NotARegularFile, without opening it' {
        $e = @($run.Result.Errors | Where-Object Target -EQ 'fifo.jpg')
        $e.Count | Should -Be 1
        $e[0].Id | Should -Be 'NotARegularFile'
        $e[0].Message | Should -Match 'named pipe'
    }

    It 'reports the link loop once and does not follow it' {
        $e = @($run.Result.Errors | Where-Object Id -EQ 'DirectoryLoop')
        $e.Count | Should -Be 1
        $e[0].Target | Should -Be 'dir_loop'
    }

    It 'reports the name that is not UTF-8 by its bytes, not as a missing file' {
        $e = @($run.Result.Errors | Where-Object Id -EQ 'FileNameNotUtf8')
        $e.Count | Should -Be 1
        $e[0].Message | Should -Match ([regex]::Escape('caf\xE9.jpg'))
        $e[0].Message | Should -Match '636166E92E6A7067'
        $e[0].Message | Should -Not -Match 'does not exist'
    }

    It 'has exactly one error per bad entry, recorded in the stage JSON' {
        @($run.Result.Errors).Count | Should -Be 3
        @($ingest.errors.error_id | Sort-Object) | Should -Be @('DirectoryLoop', 'FileNameNotUtf8', 'NotARegularFile')
        @($ingest.photo_index).Count | Should -Be 2
    }
}
