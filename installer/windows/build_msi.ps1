# Build the real Windows MSI with the WiX 3 toolset (candle + light), from the
# PyInstaller bundle in build\dist\enclave-scribe.  Run on Windows after
# `pyinstaller installer\enclave.spec`.  The same enclave.wxs and the same
# harvest.py are used by build_msi_wixl.sh for the structural check on Linux.
#
#   powershell -File installer\windows\build_msi.ps1 -Variant cuda
param(
    [string]$Variant = "cpu",
    [string]$BuildDir = "build",
    [string]$Python = "python"
)
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")

$bundle = Join-Path $BuildDir "dist\enclave-scribe"
if (-not (Test-Path (Join-Path $bundle "enclave-scribe.exe"))) { throw "no bundle at $bundle" }
$stage = Join-Path $BuildDir "msi"
$out = Join-Path $BuildDir "packages"
New-Item -ItemType Directory -Force -Path $stage, $out | Out-Null

$wixBin = if ($env:WIX) { Join-Path $env:WIX "bin" } else { "C:\Program Files (x86)\WiX Toolset v3.14\bin" }
$candle = Join-Path $wixBin "candle.exe"
$light = Join-Path $wixBin "light.exe"
if (-not (Test-Path $candle)) { throw "WiX 3 not found in $wixBin (choco install wixtoolset)" }

$version = & $Python installer\windows\msi_version.py pyproject.toml
& $Python installer\windows\harvest.py $bundle (Join-Path $stage "files.wxs")
& $Python installer\icons.py (Join-Path $stage "icons") | Out-Null
if ($LASTEXITCODE -ne 0) { throw "harvest or icons failed" }

$defines = @("-dVersion=$version", "-dVariant=$Variant", "-dExeName=enclave-scribe.exe",
             "-dIconFile=$stage\icons\enclave-scribe.ico", "-dWin64=yes")
& $candle -nologo -arch x64 @defines -out "$stage\" installer\windows\enclave.wxs (Join-Path $stage "files.wxs")
if ($LASTEXITCODE -ne 0) { throw "candle failed" }
$msi = Join-Path $out "EnclaveScribe-$version-x64-$Variant.msi"
& $light -nologo -b (Join-Path $BuildDir "dist") -out $msi "$stage\enclave.wixobj" "$stage\files.wixobj"
if ($LASTEXITCODE -ne 0) { throw "light failed" }
Write-Output ("msi:     {0:N0} MB  {1}" -f ((Get-Item $msi).Length / 1MB), $msi)
