# Invoke-MomentRanking against a real chat completions server on 127.0.0.1 (tests/Unit/Support/FakeChatServer.cs,
# compiled here with Add-Type), on moments built from a scored sample shoot (Group-PhotoMoment lands separately).

BeforeAll {
    Import-Module $env:PHOTOCURATION_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    if (-not ('PhotoCuration.Tests.Support.FakeChatServer' -as [type])) {
        Add-Type -Path (Join-Path $PSScriptRoot '../Unit/Support/FakeChatServer.cs')
    }
    $script:key = 'sk-pester-SECRETKEY-9f8e7d6c5b4a'
    $script:ws = Join-Path $TestDrive 'ws'
    $shoot = New-TestShoot (Join-Path $TestDrive 'shoot')
    $script:scored = @(Import-PhotoBatch $shoot -Recurse -BatchId r1 -Workspace $ws | Invoke-Preprocess | Get-PhotoFeatures | Measure-PhotoScore -IncludeDropped |
            Where-Object { -not $_.DuplicateOf } | Sort-Object FileName)

    # Three moments: frames 1-3, frames 4-5, frame 6 alone; members ranked by Total_prelim as Group-PhotoMoment ranks them.
    function script:New-TestMoments {
        $groups = @(@($scored[0..2]), @($scored[3..4]), @($scored[5]))
        $n = 0
        foreach ($group in $groups) {
            $n++
            $members = @($group | Sort-Object @{ Expression = { $_.Score.Total }; Descending = $true }, @{ Expression = { $_.PhotoId } })
            [PhotoCuration.PhotoMoment]@{
                MomentId   = 'm_{0:0000}' -f $n
                BatchId    = 'r1'
                Workspace  = $ws
                Members    = [PhotoCuration.Photo[]]$members
                Hero       = $members[0]
                Alternates = [PhotoCuration.Photo[]]@($members | Select-Object -Skip 1)
            }
        }
    }
    function script:Get-ImageHash([PhotoCuration.Photo] $Photo) {
        [PhotoCuration.Tests.Support.FakeChatServer]::Sha256File($Photo.Preprocess.RankingPath)
    }
    function script:Get-AllText([string] $Folder) {
        (Get-ChildItem -LiteralPath $Folder -Recurse -File -Include *.json | ForEach-Object { Get-Content -Raw -LiteralPath $_.FullName }) -join "`n"
    }
    $script:server = [PhotoCuration.Tests.Support.FakeChatServer]::new()
    $script:savedBase = $env:OPENAI_BASE_URL
    $script:savedKey = $env:OPENAI_API_KEY
}

AfterAll {
    $server.Dispose()
    $env:OPENAI_BASE_URL = $savedBase
    $env:OPENAI_API_KEY = $savedKey
}

Describe 'Invoke-MomentRanking' {
    BeforeEach {
        $server.Reset()
        $server.Mode = 'prefer'
        $server.DelaySeconds = 0
        $server.FailFirst = 0
        $server.FailStatus = 429
        $server.RetryAfter = '0'
        $server.EchoKey = $false
        $server.Preference.Clear()
        $env:OPENAI_BASE_URL = $server.BaseUrl
        $env:OPENAI_API_KEY = $key
        $script:rankWs = Join-Path $TestDrive ('rank-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
    }

    It 'without a judge keeps Total_prelim order, calls nothing and still writes the ranking stage JSON' {
        $out = @(New-TestMoments | Invoke-MomentRanking -Workspace $rankWs)
        $out.Count | Should -Be 3
        $out[0] | Should -BeOfType PhotoCuration.PhotoMoment
        $server.Calls | Should -Be 0
        $out.JudgeStatus | Should -Be @('none', 'none', 'none')
        $out.RankedBy | Should -Be @('total_prelim', 'total_prelim', 'total_prelim')
        $json = Get-Content -Raw (Join-Path $rankWs 'intermediateJsons/ranking/r1.json') | ConvertFrom-Json
        $json.batch_id | Should -Be 'r1'
        $json.judge | Should -Be 'none'
        $json.cluster_winners.cluster_id | Should -Be @('m_0001', 'm_0002', 'm_0003')
        $json.cluster_winners[0].hero | Should -Be $out[0].Members[0].PhotoId
        $json.cluster_winners[0].alternates.Count | Should -Be 2
        $json.judge_costs.pairs_scored | Should -Be 0
        $json.judge_costs.tokens_est | Should -Be 0
        $json.PSObject.Properties.Name | Should -Contain 'llm_rationales'
    }

    It 'with the OpenAI judge puts the judged best frame first, with rationales, from OPENAI_BASE_URL and OPENAI_API_KEY' {
        $m1 = (New-TestMoments)[0]
        $worst = $m1.Members[2]
        $server.Preference.Add((Get-ImageHash $worst))
        $out = @(New-TestMoments | Invoke-MomentRanking -Judge OpenAI -Model test-model -Finalists 0 -Workspace $rankWs)
        $out[0].Hero.PhotoId | Should -Be $worst.PhotoId
        $out[0].RankedBy | Should -Be 'llm:test-model'
        $out[0].Rationales[0].JudgeRationales.Count | Should -Be 2
        $out[0].Rationales[0].Reason | Should -Match 'prefers it'
        $out[2].JudgeStatus | Should -Be 'single'
        # m_0001: 3 pairs, m_0002: 1 pair; both orders each.
        $server.Calls | Should -Be 8
        $server.Requests | ForEach-Object { $_.Authorization | Should -Be "Bearer $key"; $_.ImageHashes.Count | Should -Be 2 }
        $json = Get-Content -Raw (Join-Path $rankWs 'intermediateJsons/ranking/r1.json') | ConvertFrom-Json
        $json.judge | Should -Be 'openai'
        $json.model | Should -Be 'test-model'
        $json.cluster_winners[0].hero | Should -Be $worst.PhotoId
        $json.judge_costs.pairs_scored | Should -Be 4
        $json.judge_costs.tokens_est | Should -Be (8 * 520)
        @($json.llm_rationales.PSObject.Properties).Count | Should -Be 5
    }

    It 'is served from the cache on a second run: zero calls, identical stage JSON' {
        $null = New-TestMoments | Invoke-MomentRanking -Judge OpenAI -Model test-model -Workspace $rankWs
        $first = Get-Content -Raw (Join-Path $rankWs 'intermediateJsons/ranking/r1.json')
        $server.Calls | Should -BeGreaterThan 0
        $server.Reset()
        $server.Mode = 'garbage'
        $out = @(New-TestMoments | Invoke-MomentRanking -Judge OpenAI -Model test-model -Workspace $rankWs -WarningVariable warnings -WarningAction SilentlyContinue -Verbose 4>&1)
        $server.Calls | Should -Be 0
        $warnings | Should -BeNullOrEmpty
        ($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n" | Should -Match '0 calls'
        Get-Content -Raw (Join-Path $rankWs 'intermediateJsons/ranking/r1.json') | Should -BeExactly $first
    }

    It 'falls back to Total_prelim order with a warning on garbage answers, and the run goes on' {
        $server.Mode = 'garbage'
        $expected = (New-TestMoments)[0].Members.PhotoId
        $out = @(New-TestMoments | Invoke-MomentRanking -Judge OpenAI -Workspace $rankWs -WarningVariable warnings -WarningAction SilentlyContinue -ErrorVariable errors)
        $errors | Should -BeNullOrEmpty
        $out.Count | Should -Be 3
        $out[0].Members.PhotoId | Should -Be $expected
        $out[0].JudgeStatus | Should -BeLike 'fallback: malformed answer*'
        ($warnings -join "`n") | Should -Match 'm_0001 keeps its Total_prelim order: malformed answer'
        $json = Get-Content -Raw (Join-Path $rankWs 'intermediateJsons/ranking/r1.json') | ConvertFrom-Json
        $json.fallbacks.scope | Should -Contain 'm_0001'
        $json.cluster_winners[0].judge_status | Should -Be 'fallback'
    }

    It 'falls back when the server does not answer in time' {
        $server.DelaySeconds = 5
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $out = @(New-TestMoments | Invoke-MomentRanking -Judge OpenAI -TimeoutSeconds 0.5 -Workspace $rankWs -WarningVariable warnings -WarningAction SilentlyContinue)
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 15
        ($warnings -join "`n") | Should -Match 'did not answer within 0.5 s'
        $out[0].RankedBy | Should -Be 'total_prelim'
    }

    It 'retries a 429 and then uses the answer' {
        $m1 = (New-TestMoments)[0]
        $server.Preference.Add((Get-ImageHash $m1.Members[1]))
        $server.FailFirst = 2
        $out = @(New-TestMoments | Invoke-MomentRanking -Judge OpenAI -Model test-model -Finalists 0 -Workspace $rankWs -WarningVariable warnings -WarningAction SilentlyContinue)
        $warnings | Should -BeNullOrEmpty
        $server.Calls | Should -Be 10
        $out[0].Hero.PhotoId | Should -Be $m1.Members[1].PhotoId
    }

    It 'stops at the token budget, warns, and records it' {
        $out = @(New-TestMoments | Invoke-MomentRanking -Judge OpenAI -TokenBudget 2100 -Finalists 0 -Workspace $rankWs -WarningVariable warnings -WarningAction SilentlyContinue)
        $server.Calls | Should -BeLessOrEqual 4
        ($warnings -join "`n") | Should -Match 'token budget exhausted'
        $json = Get-Content -Raw (Join-Path $rankWs 'intermediateJsons/ranking/r1.json') | ConvertFrom-Json
        $json.judge_costs.budget_exhausted | Should -BeTrue
        $json.judge_costs.token_budget | Should -Be 2100
        $out.Count | Should -Be 3
    }

    It 'never shows the key: not in output, warnings, verbose, errors, stage JSON or cache, even when the server echoes it' {
        $server.EchoKey = $true
        $env:OPENAI_API_KEY = $null
        $secure = ConvertTo-SecureString $key -AsPlainText -Force
        $all = @(New-TestMoments | Invoke-MomentRanking -Judge OpenAI -ApiKey $secure -Workspace $rankWs -Verbose *>&1)
        $server.Requests[0].Authorization | Should -Be "Bearer $key"
        $server.Reset()
        $server.FailFirst = 1000
        $server.FailStatus = 401
        $other = Join-Path $TestDrive 'rank-401'
        $all += @(New-TestMoments | Invoke-MomentRanking -Judge OpenAI -ApiKey $key -ThrottleLimit 1 -Workspace $other -Verbose *>&1)
        $server.Calls | Should -Be 1
        $text = ($all | ForEach-Object { $_ | Format-List * -Force | Out-String -Width 4096 }) -join "`n"
        $text += ($all | Where-Object { $_ -is [PhotoCuration.PhotoMoment] } | ForEach-Object { $_.Rationales | Format-List * -Force | Out-String -Width 4096; $_.JudgeStatus }) -join "`n"
        $text += Get-AllText $rankWs
        $text += Get-AllText $other
        $text += ($Error | Out-String)
        $text | Should -Match 'HTTP 401'
        $text | Should -Match ([regex]::Escape('[redacted]'))
        $text | Should -Not -Match 'SECRETKEY'
    }

    It 'takes the judge, model and limits from the theme when no parameter is given' {
        New-Item -ItemType Directory -Force (Join-Path $rankWs 'data/themes') | Out-Null
        Set-Content (Join-Path $rankWs 'data/themes/judged.yaml') @"
name: judged
description: quiet editorial mornings
ranking: {judge: openai, model: theme-model, max_pairs_per_cluster: 1, finalists: 2, token_budget: 100000}
"@
        $out = @(New-TestMoments | Invoke-MomentRanking -Theme judged -Workspace $rankWs)
        # One pair per moment (m_0001, m_0002) and one between the two opener finalists, both orders.
        $server.Calls | Should -Be 6
        $server.Requests.Model | Sort-Object -Unique | Should -Be 'theme-model'
        $server.Requests[0].SystemPrompt | Should -Match 'Theme: judged . quiet editorial mornings'
        $json = Get-Content -Raw (Join-Path $rankWs 'intermediateJsons/ranking/r1.json') | ConvertFrom-Json
        $json.theme_spec_ref | Should -Be 'judged'
        $json.max_pairs_per_cluster | Should -Be 1
        $json.opener_finalists.opener_rank | Should -Be @(1, 2)
        $out[0].JudgeStatus | Should -Be 'judged'
    }

    It 'without a key for the public endpoint falls back and says how to give one' {
        $env:OPENAI_API_KEY = $null
        $env:OPENAI_BASE_URL = $null
        $out = @(New-TestMoments | Invoke-MomentRanking -Judge OpenAI -Workspace $rankWs -WarningVariable warnings -WarningAction SilentlyContinue)
        ($warnings -join "`n") | Should -Match 'no API key'
        $out[0].RankedBy | Should -Be 'total_prelim'
    }
}
