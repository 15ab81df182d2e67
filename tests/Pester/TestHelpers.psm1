# Shared helpers of the Pester suite.

function New-TestShoot {
    # A small sample shoot (12 frames + a byte-identical copy) in a fresh folder.
    param([string] $Path, [int] $Width = 320, [int] $Height = 214)
    New-PhotoSampleShoot -Path $Path -Width $Width -Height $Height | Out-Null
    return (Resolve-Path $Path).ProviderPath
}

function Get-FolderSnapshot {
    # Every file below a folder with its bytes' hash, size and write time, for read-only checks.
    param([string] $Path)
    Get-ChildItem -LiteralPath $Path -Recurse -Force -File | Sort-Object FullName | ForEach-Object {
        [pscustomobject]@{
            Path = $_.FullName
            Hash = (Get-FileHash -LiteralPath $_.FullName -Algorithm SHA256).Hash
            Length = $_.Length
            LastWriteTimeUtc = $_.LastWriteTimeUtc.Ticks
        }
    }
}

function Get-ChildPwsh {
    # The pwsh running the tests, as a command for a child process ('dotnet pwsh.dll' under the dotnet tool).
    $self = (Get-Process -Id $PID).Path
    if ([IO.Path]::GetFileNameWithoutExtension($self) -eq 'pwsh') { return , @($self) }
    return , @($self, (Join-Path $PSHOME 'pwsh.dll'))
}

function Invoke-ChildPwsh {
    # Runs a script in a fresh pwsh and returns its output (text lines).
    param([string] $Script)
    $pwsh = Get-ChildPwsh
    $file = Join-Path ([IO.Path]::GetTempPath()) ("pc-child-{0}.ps1" -f [guid]::NewGuid().ToString('N'))
    Set-Content -LiteralPath $file -Value $Script -Encoding utf8
    try {
        $arguments = @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $file)
        & $pwsh[0] @arguments 2>&1 | ForEach-Object { "$_" }
    }
    finally {
        Remove-Item -LiteralPath $file -ErrorAction SilentlyContinue
    }
}

Add-Type -TypeDefinition @'
public static class PngHeaderWriter
{
    // A PNG whose IHDR declares width x height, followed by an empty IDAT and IEND: enough for a
    // decoder to read the size, never enough pixels. Used for the pixel-limit (decompression bomb) check.
    public static byte[] Create(int width, int height)
    {
        var output = new System.Collections.Generic.List<byte> { 137, 80, 78, 71, 13, 10, 26, 10 };
        var ihdr = new System.Collections.Generic.List<byte>();
        ihdr.AddRange(BigEndian((uint)width));
        ihdr.AddRange(BigEndian((uint)height));
        ihdr.AddRange(new byte[] { 8, 2, 0, 0, 0 });
        Chunk(output, "IHDR", ihdr.ToArray());
        Chunk(output, "IDAT", new byte[] { 120, 156, 3, 0, 0, 0, 0, 1 });
        Chunk(output, "IEND", new byte[0]);
        return output.ToArray();
    }

    private static void Chunk(System.Collections.Generic.List<byte> output, string type, byte[] data)
    {
        var body = new System.Collections.Generic.List<byte>(System.Text.Encoding.ASCII.GetBytes(type));
        body.AddRange(data);
        output.AddRange(BigEndian((uint)data.Length));
        output.AddRange(body);
        output.AddRange(BigEndian(Crc32(body.ToArray())));
    }

    private static byte[] BigEndian(uint v) => new[] { (byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v };

    private static uint Crc32(byte[] bytes)
    {
        uint c = 0xFFFFFFFF;
        foreach (var b in bytes)
        {
            c ^= b;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
        }
        return c ^ 0xFFFFFFFF;
    }
}
'@

function New-PngHeaderOnly {
    param([string] $Path, [int] $Width, [int] $Height)
    [IO.File]::WriteAllBytes($Path, [PngHeaderWriter]::Create($Width, $Height))
}

Export-ModuleMember -Function New-TestShoot, Get-FolderSnapshot, Get-ChildPwsh, Invoke-ChildPwsh, New-PngHeaderOnly
