BeforeAll {
    Import-Module $env:PHOTOCURATION_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:shoot = Join-Path $TestDrive 'shoot'
    New-PhotoSampleShoot -Path $shoot -Width 1200 -Height 800 | Out-Null
    # A file name that is markup: the page must show it as text.
    $script:hostileName = 'IMG_0004 <img src=x onerror=alert(1)> & co.jpg'
    # Not byte-identical (a trailer after the JPEG's end), so it is a frame of its own, not an exact duplicate.
    $bytes = [System.IO.File]::ReadAllBytes((Join-Path $shoot 'IMG_0004.jpg')) + [byte[]](1, 2, 3, 4)
    [System.IO.File]::WriteAllBytes((Join-Path $shoot 'copies' $hostileName), $bytes)
    $script:ws = Join-Path $TestDrive 'ws'
    $script:run = Invoke-PhotoCuration -Path $shoot -Recurse -Workspace $ws -BatchId rv -Count 4 -WarningAction SilentlyContinue -ErrorAction SilentlyContinue
    $script:listPath = Join-Path $ws 'data/output/rv/curated_list.json'
    function script:Get-CuratedIds { @((Get-Content -LiteralPath $listPath -Raw | ConvertFrom-Json).items.photo_id) }
    function script:Get-Token([string] $Url) { [regex]::Match((Invoke-WebRequest $Url).Content, 'data-token="([0-9a-f]+)"').Groups[1].Value }
    function script:Send-Action($Review, [hashtable] $Body, [string] $Token) {
        Invoke-RestMethod "$($Review.Url)api/action" -Method Post -ContentType 'application/json' -Headers @{ 'X-Review-Token' = $Token } -Body ($Body | ConvertTo-Json)
    }
}

AfterAll {
    Stop-CurationReview -ErrorAction SilentlyContinue
}

Describe 'Export-CurationReport' {
    It 'writes one self-contained page beside curated_list.json by default' {
        $file = Export-CurationReport -Batch rv -Workspace $ws
        $file | Should -BeOfType ([System.IO.FileInfo])
        $file.FullName | Should -Be (Join-Path $ws 'data/output/rv/review.html')
        $html = Get-Content -LiteralPath $file.FullName -Raw
        $html | Should -Match '<img src="data:image/jpeg;base64,'
        $html | Should -Not -Match '(src|href)="(https?:)?//'
        $html | Should -Not -Match '<link|@import|url\('
        ([regex]::Matches($html, '<article class="card')).Count | Should -Be 4
        $html | Should -Match 'data-token=""'
    }

    It 'escapes a file name that is markup' {
        $html = Get-Content -LiteralPath (Export-CurationReport -Batch rv -Workspace $ws -OutFile (Join-Path $TestDrive 'names.html')).FullName -Raw
        $html | Should -BeLike '*IMG_0004 &lt;img src=x onerror=alert(1)&gt; &amp; co.jpg*'
        $html | Should -Not -BeLike '*<img src=x*'
    }

    It 'takes the batch and workspace from a curated set in the pipeline' {
        $file = $run.CuratedSet | Export-CurationReport -OutFile (Join-Path $TestDrive 'piped.html')
        $file.Name | Should -Be 'piped.html'
    }

    It 'writes nothing with -WhatIf' {
        $target = Join-Path $TestDrive 'whatif.html'
        Export-CurationReport -Batch rv -Workspace $ws -OutFile $target -WhatIf | Should -BeNullOrEmpty
        $target | Should -Not -Exist
    }

    It 'leaves a file it did not write unless -Force' {
        $mine = Join-Path $TestDrive 'mine.html'
        Set-Content -LiteralPath $mine -Value '<p>my notes</p>'
        Export-CurationReport -Batch rv -Workspace $ws -OutFile $mine -ErrorVariable e -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $e[0].FullyQualifiedErrorId | Should -BeLike 'ReportTargetExists*'
        Get-Content -LiteralPath $mine -Raw | Should -BeLike '*my notes*'
        Export-CurationReport -Batch rv -Workspace $ws -OutFile $mine -Force | Should -Not -BeNullOrEmpty
        # A page it wrote is replaced without -Force.
        Export-CurationReport -Batch rv -Workspace $ws -OutFile $mine | Should -Not -BeNullOrEmpty
    }

    It 'reports a batch without stage records as an error naming the missing file' {
        Export-CurationReport -Batch nosuch -Workspace $ws -ErrorVariable e -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $e.Count | Should -Be 1
        "$($e[0].TargetObject)" | Should -BeLike '*scoring*nosuch.json'
    }
}

Describe 'Start-CurationReview and Stop-CurationReview' {
    BeforeEach {
        Remove-Item -LiteralPath (Join-Path $ws 'data/overrides') -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'serves the page on 127.0.0.1, applies a lock and rewrites curated_list.json' {
        $review = Start-CurationReview -Batch rv -Workspace $ws -InformationVariable info
        try {
            $review | Should -BeOfType ([PhotoCuration.CurationReview])
            $review.Url | Should -Match '^http://127\.0\.0\.1:\d+/$'
            "$info" | Should -BeLike "*$($review.Url)*"
            $review.IsRunning | Should -BeTrue
            $token = Get-Token $review.Url
            $before = Get-CuratedIds
            $scores = (Get-Content -LiteralPath (Join-Path $ws 'intermediateJsons/scoring/rv.json') -Raw | ConvertFrom-Json)
            $outsider = @($scores.scores.photo_id | Where-Object { $_ -notin $before -and $_ -notin $scores.dropped_for_tech })[0]
            $answer = Send-Action $review @{ action = 'lock'; photo_id = $outsider } $token
            $answer.selected_ids | Should -Contain $outsider
            Get-CuratedIds | Should -Contain $outsider
            $review.Actions | Should -Be 1
            $review.LastMessage | Should -BeLike 'locked*'
            $overrides = Get-Content -LiteralPath (Join-Path $ws 'data/overrides/rv.json') -Raw | ConvertFrom-Json
            $overrides.user_overrides.lock_in | Should -Be @($outsider)
        }
        finally {
            $review | Stop-CurationReview
        }
        $review.IsRunning | Should -BeFalse
        { Invoke-WebRequest $review.Url -TimeoutSec 5 } | Should -Throw
    }

    It 'culls from PowerShell: the grid, the loupe''s large image, a star rating and undo' {
        $review = Start-CurationReview -Batch rv -Workspace $ws
        try {
            $page = (Invoke-WebRequest $review.Url).Content
            $page | Should -Match '<div class="grid" id="grid">'
            $page | Should -Match '<script type="application/json" id="photo-data">'
            $token = Get-Token $review.Url
            $pick = @(Get-CuratedIds)[0]
            $image = Invoke-WebRequest "$($review.Url)api/image?id=$([uri]::EscapeDataString($pick))&t=$token"
            $image.Headers['Content-Type'] | Should -Be 'image/jpeg'
            $image.RawContentLength | Should -BeGreaterThan 10000
            { Invoke-WebRequest "$($review.Url)api/image?id=$([uri]::EscapeDataString($pick))&t=nottoken" } | Should -Throw

            # The list on disk may predate this Describe's fresh overrides file: the first decision re-runs it.
            $first = Send-Action $review @{ action = 'rate'; photo_id = $pick; stars = 5 } $token
            $pick = @($first.selected_ids)[-1]
            $answer = Send-Action $review @{ action = 'rate'; photo_id = $pick; stars = 4 } $token
            $answer.message | Should -BeLike 'rated *4 stars*'
            $item = (Get-Content -LiteralPath $listPath -Raw | ConvertFrom-Json).items | Where-Object photo_id -EQ $pick
            $item.rating | Should -Be 4
            (Get-Content -LiteralPath (Join-Path $ws 'data/overrides/rv.json') -Raw | ConvertFrom-Json).ratings.$pick | Should -Be 4

            $undo = Send-Action $review @{ action = 'undo' } $token
            $undo.message | Should -BeLike 'undid: rated*'
            $ratings = (Get-Content -LiteralPath (Join-Path $ws 'data/overrides/rv.json') -Raw | ConvertFrom-Json).ratings
            if ($pick -ne @(Get-CuratedIds)[0]) { $ratings.PSObject.Properties.Name | Should -Not -Contain $pick }
        }
        finally {
            $review | Stop-CurationReview
        }
    }

    It 'refuses an action without the token' {
        $review = Start-CurationReview -Batch rv -Workspace $ws
        try {
            { Invoke-RestMethod "$($review.Url)api/action" -Method Post -ContentType 'application/json' -Body '{"action":"exclude","photo_id":"x"}' } |
                Should -Throw -ExpectedMessage '*403*'
            Join-Path $ws 'data/overrides/rv.json' | Should -Not -Exist
        }
        finally {
            Stop-CurationReview -Batch rv
        }
    }

    It 'listens on the port given' {
        $probe = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $probe.Start(); $port = $probe.LocalEndpoint.Port; $probe.Stop()
        $review = Start-CurationReview -Batch rv -Workspace $ws -Port $port
        try { $review.Port | Should -Be $port } finally { Stop-CurationReview -InputObject $review }
    }

    It 'stops every server of the session when called with no argument' {
        $a = Start-CurationReview -Batch rv -Workspace $ws
        $b = Start-CurationReview -Batch rv -Workspace $ws
        $stopped = @(Stop-CurationReview -PassThru)
        $stopped.Count | Should -BeGreaterOrEqual 2
        $a.IsRunning | Should -BeFalse
        $b.IsRunning | Should -BeFalse
    }

    It 'with -Wait blocks until stopped as by Ctrl+C, then stops the server' {
        $ps = [powershell]::Create()
        $null = $ps.AddScript("Import-Module '$env:PHOTOCURATION_MODULE'; Start-CurationReview -Batch rv -Workspace '$ws' -Wait")
        $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
        $handle = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]::new(), $output)
        try {
            $deadline = [datetime]::UtcNow.AddSeconds(60)
            while ($output.Count -eq 0 -and [datetime]::UtcNow -lt $deadline -and -not $handle.IsCompleted) { Start-Sleep -Milliseconds 100 }
            $review = $output[0]
            $review.IsRunning | Should -BeTrue
            $handle.IsCompleted | Should -BeFalse
            (Invoke-WebRequest $review.Url).StatusCode | Should -Be 200
            $ps.Stop()
            $review.IsRunning | Should -BeFalse
        }
        finally {
            $ps.Dispose()
        }
    }

    It 'reports a batch without stage records as an error' {
        Start-CurationReview -Batch nosuch -Workspace $ws -ErrorVariable e -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $e.Count | Should -Be 1
    }
}

Describe 'Select-CuratedSet with the batch overrides file' {
    BeforeAll {
        $script:moments = @(Import-PhotoStage (Join-Path $ws 'intermediateJsons/scoring/rv.json') | Group-PhotoMoment -Workspace $ws -WarningAction SilentlyContinue)
        $script:base = $moments | Select-CuratedSet -Count 4 -Workspace $ws -WarningAction SilentlyContinue
        $script:overridesPath = Join-Path $ws 'data/overrides/rv.json'
    }
    AfterEach { Remove-Item -LiteralPath $overridesPath -ErrorAction SilentlyContinue }

    It 'excludes and locks in what the file says' {
        $top = $base.Items[0].PhotoId
        $outsider = @($moments.Hero.PhotoId | Where-Object { $_ -notin $base.Items.PhotoId })[0]
        New-Item -ItemType Directory -Force (Split-Path $overridesPath) | Out-Null
        @{ format = 1; batch_id = 'rv'; user_overrides = @{ lock_in = @($outsider); exclude = @($top) }; axis_emphasis = @{ orientation = 2.5 } } |
            ConvertTo-Json -Depth 4 | Set-Content -LiteralPath $overridesPath
        $set = $moments | Select-CuratedSet -Count 4 -Workspace $ws -WarningAction SilentlyContinue
        $set.Items.PhotoId | Should -Not -Contain $top
        $set.Items.PhotoId | Should -Contain $outsider
        $set.Parameters.AxisEmphasis['orientation'] | Should -Be 2.5
        # -AxisEmphasis goes over the file.
        ($moments | Select-CuratedSet -Count 4 -Workspace $ws -AxisEmphasis @{ orientation = 0.1 } -WarningAction SilentlyContinue).Parameters.AxisEmphasis['orientation'] | Should -Be 0.1
    }

    It 'stops with an error naming a broken overrides file' {
        New-Item -ItemType Directory -Force (Split-Path $overridesPath) | Out-Null
        Set-Content -LiteralPath $overridesPath -Value '{"format":1,"batch_id":"rv","axis_emphasis":{"colour":1}}'
        { $moments | Select-CuratedSet -Count 4 -Workspace $ws -WarningAction SilentlyContinue } | Should -Throw -ErrorId 'InvalidOverridesFile*'
    }
}
