#requires -Version 7.4
<#
.SYNOPSIS
    Single entry point of the Pester suite; build.ps1 -Task Test runs it in a fresh pwsh.

.DESCRIPTION
    Environment (set by build.ps1):
      PHOTOCURATION_MODULE           the built module folder (out/PhotoCuration)
      PHOTOCURATION_PESTER           Pester.psd1 5.7.1 from the NuGet cache
      PHOTOCURATION_RESULTS          folder for pester.xml (NUnit) and pester-summary.json
      PHOTOCURATION_YAMLDOTNET_OLD   YamlDotNet 13.7.1 (net6.0) for the dependency-conflict test

    Writes pester-summary.json as {"Passed":n,"Failed":n,"Skipped":n}. Failed also counts blocks and
    files that failed outside a test (a BeforeAll that threw, a file that did not parse), so a broken
    setup can never pass as "0 failed". Exits 1 when anything failed or no test ran, else 0.

.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Test
#>
$ErrorActionPreference = 'Stop'

foreach ($name in 'PHOTOCURATION_MODULE', 'PHOTOCURATION_PESTER', 'PHOTOCURATION_RESULTS') {
    if (-not [Environment]::GetEnvironmentVariable($name)) { throw "$name is not set; run the tests through ./build.ps1 -Task Test." }
}
if (-not (Test-Path -LiteralPath (Join-Path $env:PHOTOCURATION_MODULE 'PhotoCuration.psd1'))) {
    throw "PHOTOCURATION_MODULE ('$env:PHOTOCURATION_MODULE') holds no PhotoCuration.psd1; build first."
}

Import-Module $env:PHOTOCURATION_PESTER -Force
New-Item -ItemType Directory -Force -Path $env:PHOTOCURATION_RESULTS | Out-Null
$summaryPath = Join-Path $env:PHOTOCURATION_RESULTS 'pester-summary.json'
Remove-Item -LiteralPath $summaryPath -ErrorAction SilentlyContinue

$config = New-PesterConfiguration
$config.Run.Path = $PSScriptRoot
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Detailed'
$config.TestResult.Enabled = $true
$config.TestResult.OutputFormat = 'NUnitXml'
$config.TestResult.OutputPath = Join-Path $env:PHOTOCURATION_RESULTS 'pester.xml'

$result = Invoke-Pester -Configuration $config

$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
$summary = [ordered]@{ Passed = $result.PassedCount; Failed = $failed; Skipped = $result.SkippedCount }
$summary | ConvertTo-Json -Compress | Set-Content -Encoding utf8 -LiteralPath $summaryPath
Write-Host ("Pester summary: {0} passed, {1} failed ({2} tests, {3} blocks, {4} files), {5} skipped" -f
    $result.PassedCount, $failed, $result.FailedCount, $result.FailedBlocksCount, $result.FailedContainersCount, $result.SkippedCount)

if ($failed -gt 0 -or $result.PassedCount -eq 0) { exit 1 }
exit 0
