# The themes the module ships, writing the default out as YAML to start one's own, the JSON Schema of
# theme.yaml, and the about_ help topics.

BeforeAll {
    Import-Module $env:PHOTOCURATION_MODULE -Force
    $script:ws = Join-Path $TestDrive 'ws'
    New-Item -ItemType Directory -Force (Join-Path $ws 'data/themes') | Out-Null
    $script:schema = Get-Content -Raw (Join-Path $env:PHOTOCURATION_MODULE 'schemas/theme.schema.json')
    function script:ConvertTo-ThemeJson($t) {
        # The theme as theme.yaml's keys: what the loader read, checked against the schema.
        [ordered]@{
            name = $t.Name; description = $t.Description; palette = @($t.Palette); mood = @($t.Mood)
            weights = [ordered]@{ q_tech = $t.Weights.QTech; aesthetic = $t.Weights.Aesthetic; vibe = $t.Weights.Vibe; typography = $t.Weights.Typography; composition = $t.Weights.Composition }
            gates = @{ q_tech_min = $t.QTechMin }
            moments = [ordered]@{ time_gap_seconds = $t.MomentTimeGapSeconds; phash_max_distance = $t.MomentPHashMaxDistance; min_cosine = $t.MomentMinCosine }
            selection = [ordered]@{ count = $t.SelectionCount; quality_weight = $t.QualityWeight; diversity_weight = $t.DiversityWeight; role_quotas = $t.RoleQuotas; axis_emphasis = $t.AxisEmphasis }
            ranking = [ordered]@{ judge = $t.Judge; model = $t.JudgeModel; max_pairs_per_cluster = $t.MaxPairsPerCluster; finalists = $t.Finalists; token_budget = $t.TokenBudget }
        } | ConvertTo-Json -Depth 5
    }
}

Describe 'Shipped themes' {
    It 'Get-PhotoTheme lists default and the shipped themes' {
        $names = @(Get-PhotoTheme -Workspace $ws).Name
        foreach ($n in 'default', 'autumn-editorial', 'wedding', 'travel', 'product') { $names | Should -Contain $n }
    }

    It '<_> loads through the strict loader with its palette and mood' -ForEach 'autumn-editorial', 'wedding', 'travel', 'product' {
        $t = Get-PhotoTheme $_ -Workspace $ws
        $t.Name | Should -Be $_
        $t.Source | Should -Be "module:$_"
        $t.Palette.Count | Should -BeGreaterThan 0
        $t.Mood.Count | Should -BeGreaterThan 0
    }

    It 'a theme of the same name in data/themes wins over the shipped one' {
        Set-Content (Join-Path $ws 'data/themes/travel.yaml') "name: travel`nselection: {count: 7}"
        (Get-PhotoTheme travel -Workspace $ws).SelectionCount | Should -Be 7
        Remove-Item (Join-Path $ws 'data/themes/travel.yaml')
    }

    It 'completes -Theme with the shipped themes' {
        $line = "Invoke-PhotoCuration -Theme aut"
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain 'autumn-editorial'
    }
}

Describe 'Writing the default theme as YAML' {
    It 'Get-PhotoTheme default -AsYaml starts a theme file that loads as the default does' {
        $yaml = Get-PhotoTheme default -AsYaml
        $yaml | Should -BeOfType string
        $yaml | Should -Match '^# yaml-language-server: \$schema=file:.*theme\.schema\.json'
        $file = Join-Path $ws 'data/themes/mine.yaml'
        $yaml -replace 'name: default', 'name: mine' | Set-Content $file
        Test-PhotoTheme $file | Should -BeTrue
        $mine = Get-PhotoTheme mine -Workspace $ws
        $default = Get-PhotoTheme default
        $mine.Name | Should -Be 'mine'
        $mine.Weights.QTech | Should -Be $default.Weights.QTech
        $mine.SelectionCount | Should -Be $default.SelectionCount
        $mine.AxisEmphasis.Keys | Sort-Object | Should -Be ($default.AxisEmphasis.Keys | Sort-Object)
    }

    It 'writes a shipped theme''s YAML too' {
        Get-PhotoTheme wedding -AsYaml | Should -Match 'name: wedding'
    }
}

Describe 'The JSON Schema of theme.yaml' {
    It '<_> is valid against it' -ForEach 'default', 'autumn-editorial', 'wedding', 'travel', 'product' {
        Test-Json -Json (ConvertTo-ThemeJson (Get-PhotoTheme $_)) -Schema $schema | Should -BeTrue
    }

    It 'refuses what the loader refuses: an unknown key, a colour that is not #RRGGBB, a weight over 1, a missing name' {
        Test-Json -Json '{"name":"x","weight":{}}' -Schema $schema -ErrorAction SilentlyContinue | Should -BeFalse
        Test-Json -Json '{"name":"x","palette":["red"]}' -Schema $schema -ErrorAction SilentlyContinue | Should -BeFalse
        Test-Json -Json '{"name":"x","weights":{"vibe":2}}' -Schema $schema -ErrorAction SilentlyContinue | Should -BeFalse
        Test-Json -Json '{"palette":[]}' -Schema $schema -ErrorAction SilentlyContinue | Should -BeFalse
        foreach ($bad in '{"name":"x","weight":{}}', '{"name":"x","weights":{"vibe":2}}') {
            $file = Join-Path $TestDrive 'bad.yaml'
            Set-Content $file ($bad | ConvertFrom-Json | ConvertTo-Json -Depth 5)   # JSON is YAML
            Test-PhotoTheme $file -WarningAction SilentlyContinue -ErrorAction SilentlyContinue | Should -BeFalse
        }
    }
}

Describe 'about_ help topics' {
    It 'about_PhotoCuration explains the pipeline, the workspace and runs' {
        $text = Get-Help about_PhotoCuration | Out-String
        $text | Should -Match 'Invoke-PhotoCuration'
        $text | Should -Match 'RunName'
    }

    It 'about_PhotoCuration_Themes lists the shipped themes and how to write one' {
        $text = Get-Help about_PhotoCuration_Themes | Out-String
        foreach ($n in 'autumn-editorial', 'wedding', 'travel', 'product', '-AsYaml', 'theme.schema.json') { $text | Should -Match ([regex]::Escape($n)) }
    }
}
