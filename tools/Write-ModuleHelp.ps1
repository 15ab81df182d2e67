#requires -Version 7.4
<#
.SYNOPSIS
    Writes MAML help (en-US/PhotoCuration.Cmdlets.dll-Help.xml) for every cmdlet of the built module.

.DESCRIPTION
    platyPS is not reachable on our build machines, so help is generated from the same source the code
    documents itself with: the compiler's XML documentation of each cmdlet class (<para type="synopsis">,
    <para type="description">, <example>) and of each parameter property, combined with the parameter
    metadata PowerShell reports (sets, position, pipeline binding, aliases, wildcards). A cmdlet or
    parameter without documentation fails the build.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $XmlDocPath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$module = Import-Module $ModulePath -PassThru
$doc = [xml](Get-Content -Raw $XmlDocPath)
$members = @{}
foreach ($m in $doc.doc.members.member) { $members[$m.name] = $m }

$common = [System.Management.Automation.Internal.CommonParameters].GetProperties().Name +
    [System.Management.Automation.Internal.ShouldProcessParameters].GetProperties().Name

function Get-Paras([System.Xml.XmlNode] $node, [string] $type) {
    if (-not $node) { return @() }
    @($node.SelectNodes("summary/para[@type='$type']") | ForEach-Object { ($_.InnerText -replace '\s+', ' ').Trim() })
}

function Esc([string] $text) { [System.Security.SecurityElement]::Escape($text) }

function Get-TypeName([type] $type) {
    if ($type -eq [System.Management.Automation.SwitchParameter]) { return 'SwitchParameter' }
    $name = if ($type.IsArray) { $type.GetElementType().Name + '[]' } else { $type.Name }
    if ($type.IsGenericType -and $type.GetGenericTypeDefinition() -eq [Nullable`1]) { $name = $type.GetGenericArguments()[0].Name }
    return $name
}

function Write-ParameterXml([System.Text.StringBuilder] $sb, $parameter, $setMeta, [string] $description) {
    $pipeline = @()
    if ($setMeta.ValueFromPipeline) { $pipeline += 'ByValue' }
    if ($setMeta.ValueFromPipelineByPropertyName) { $pipeline += 'ByPropertyName' }
    $pipelineText = if ($pipeline) { "True ($($pipeline -join ', '))" } else { 'False' }
    $position = if ($setMeta.Position -ge 0) { $setMeta.Position } else { 'named' }
    $aliases = if ($parameter.Aliases.Count) { $parameter.Aliases -join ', ' } else { 'none' }
    $globbing = [bool]($parameter.Name -eq 'Path' -and ($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] }))
    $typeName = Get-TypeName $parameter.ParameterType
    $isSwitch = $parameter.ParameterType -eq [System.Management.Automation.SwitchParameter]
    [void]$sb.AppendLine("      <command:parameter required=`"$($setMeta.IsMandatory.ToString().ToLower())`" variableLength=`"$($parameter.ParameterType.IsArray.ToString().ToLower())`" globbing=`"$($globbing.ToString().ToLower())`" pipelineInput=`"$pipelineText`" position=`"$position`" aliases=`"$(Esc $aliases)`">")
    [void]$sb.AppendLine("        <maml:name>$($parameter.Name)</maml:name>")
    [void]$sb.AppendLine("        <maml:description><maml:para>$(Esc $description)</maml:para></maml:description>")
    if (-not $isSwitch) {
        [void]$sb.AppendLine("        <command:parameterValue required=`"true`" variableLength=`"false`">$(Esc $typeName)</command:parameterValue>")
    }
    [void]$sb.AppendLine("        <dev:type><maml:name>$(Esc $typeName)</maml:name></dev:type>")
    [void]$sb.AppendLine("        <dev:defaultValue>None</dev:defaultValue>")
    [void]$sb.AppendLine("      </command:parameter>")
}

$missing = [System.Collections.Generic.List[string]]::new()
$sb = [System.Text.StringBuilder]::new()
[void]$sb.AppendLine('<?xml version="1.0" encoding="utf-8"?>')
[void]$sb.AppendLine('<helpItems schema="maml" xmlns="http://msh">')

foreach ($command in Get-Command -Module $module.Name -CommandType Cmdlet | Sort-Object Name) {
    $typeName = $command.ImplementingType.FullName
    $member = $members["T:$typeName"]
    $synopsis = Get-Paras $member 'synopsis' | Select-Object -First 1
    $descriptions = Get-Paras $member 'description'
    if (-not $synopsis) { $missing.Add("$($command.Name): synopsis") }
    if (-not $descriptions) { $missing.Add("$($command.Name): description") }
    $examples = @(if ($member) { $member.SelectNodes('summary/example') })
    if (-not $examples) { $missing.Add("$($command.Name): example") }

    $paramDocs = @{}
    foreach ($p in $command.Parameters.Values | Where-Object { $_.Name -notin $common }) {
        # A parameter may be declared on a (generic) base class: its doc member is named after that type.
        $declaring = $command.ImplementingType.GetProperty($p.Name).DeclaringType
        if ($declaring.IsGenericType) { $declaring = $declaring.GetGenericTypeDefinition() }
        $text = Get-Paras $members["P:$($declaring.FullName).$($p.Name)"] 'description' | Select-Object -First 1
        if (-not $text) { $missing.Add("$($command.Name) -$($p.Name): description"); $text = '' }
        $paramDocs[$p.Name] = $text
    }

    [void]$sb.AppendLine('  <command:command xmlns:maml="http://schemas.microsoft.com/maml/2004/10" xmlns:command="http://schemas.microsoft.com/maml/dev/command/2004/10" xmlns:dev="http://schemas.microsoft.com/maml/dev/2004/10">')
    [void]$sb.AppendLine('    <command:details>')
    [void]$sb.AppendLine("      <command:name>$($command.Name)</command:name>")
    [void]$sb.AppendLine("      <maml:description><maml:para>$(Esc $synopsis)</maml:para></maml:description>")
    [void]$sb.AppendLine("      <command:verb>$($command.Verb)</command:verb>")
    [void]$sb.AppendLine("      <command:noun>$($command.Noun)</command:noun>")
    [void]$sb.AppendLine('    </command:details>')
    [void]$sb.AppendLine('    <maml:description>')
    foreach ($d in $descriptions) { [void]$sb.AppendLine("      <maml:para>$(Esc $d)</maml:para>") }
    [void]$sb.AppendLine('    </maml:description>')

    [void]$sb.AppendLine('    <command:syntax>')
    foreach ($set in $command.ParameterSets) {
        [void]$sb.AppendLine('      <command:syntaxItem>')
        [void]$sb.AppendLine("        <maml:name>$($command.Name)</maml:name>")
        foreach ($sp in $set.Parameters | Where-Object { $_.Name -notin $common }) {
            Write-ParameterXml $sb $command.Parameters[$sp.Name] $sp $paramDocs[$sp.Name]
        }
        [void]$sb.AppendLine('      </command:syntaxItem>')
    }
    [void]$sb.AppendLine('    </command:syntax>')

    [void]$sb.AppendLine('    <command:parameters>')
    foreach ($p in $command.Parameters.Values | Where-Object { $_.Name -notin $common } | Sort-Object Name) {
        $meta = $p.ParameterSets.Values | Sort-Object { -not $_.IsMandatory } | Select-Object -First 1
        $setMeta = [pscustomobject]@{
            IsMandatory = [bool]$meta.IsMandatory
            Position = $meta.Position
            ValueFromPipeline = [bool]($p.ParameterSets.Values | Where-Object ValueFromPipeline)
            ValueFromPipelineByPropertyName = [bool]($p.ParameterSets.Values | Where-Object ValueFromPipelineByPropertyName)
        }
        Write-ParameterXml $sb $p $setMeta $paramDocs[$p.Name]
    }
    [void]$sb.AppendLine('    </command:parameters>')

    $inputs = @($command.Parameters.Values | Where-Object { $_.ParameterSets.Values | Where-Object { $_.ValueFromPipeline -or $_.ValueFromPipelineByPropertyName } })
    [void]$sb.AppendLine('    <command:inputTypes>')
    foreach ($p in $inputs) {
        [void]$sb.AppendLine("      <command:inputType><dev:type><maml:name>$(Esc (Get-TypeName $p.ParameterType))</maml:name></dev:type><maml:description><maml:para>Bound to -$($p.Name).</maml:para></maml:description></command:inputType>")
    }
    [void]$sb.AppendLine('    </command:inputTypes>')
    [void]$sb.AppendLine('    <command:returnValues>')
    foreach ($t in $command.OutputType) {
        [void]$sb.AppendLine("      <command:returnValue><dev:type><maml:name>$(Esc $t.Name)</maml:name></dev:type><maml:description><maml:para /></maml:description></command:returnValue>")
    }
    [void]$sb.AppendLine('    </command:returnValues>')

    [void]$sb.AppendLine('    <command:examples>')
    $n = 0
    foreach ($example in $examples) {
        $n++
        $code = ($example.SelectSingleNode('code').InnerText).Trim()
        $remarks = @($example.SelectNodes('para') | ForEach-Object { ($_.InnerText -replace '\s+', ' ').Trim() })
        [void]$sb.AppendLine('      <command:example>')
        [void]$sb.AppendLine("        <maml:title>-------------------------- Example $n --------------------------</maml:title>")
        [void]$sb.AppendLine("        <dev:code>$(Esc $code)</dev:code>")
        [void]$sb.AppendLine('        <dev:remarks>')
        foreach ($r in $remarks) { [void]$sb.AppendLine("          <maml:para>$(Esc $r)</maml:para>") }
        [void]$sb.AppendLine('        </dev:remarks>')
        [void]$sb.AppendLine('      </command:example>')
    }
    [void]$sb.AppendLine('    </command:examples>')
    [void]$sb.AppendLine('  </command:command>')
}
[void]$sb.AppendLine('</helpItems>')

if ($missing.Count) {
    Write-Error ("Help is incomplete:`n  " + ($missing -join "`n  "))
    exit 1
}
$target = Join-Path $ModulePath 'en-US'
New-Item -ItemType Directory -Force -Path $target | Out-Null
$file = Join-Path $target 'PhotoCuration.Cmdlets.dll-Help.xml'
[System.IO.File]::WriteAllText($file, $sb.ToString(), [System.Text.UTF8Encoding]::new($false))
# Validate: a malformed help file would make Get-Help fall back silently.
[void][xml](Get-Content -Raw $file)
Write-Host "Wrote help for $((Get-Command -Module $module.Name -CommandType Cmdlet).Count) cmdlets to $file"
