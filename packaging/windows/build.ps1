# Windows: build the one-folder bundle, self-test it (offscreen through kanpe-cli.exe, then on the
# real windows platform through the windowed kanpe.exe that users start), make
# dist\KanpeSetup-<version>.exe with Inno Setup, then install it silently for this user, check
# what the installer registered, self-test the installed copy and uninstall.
#
#   pwsh packaging/windows/build.ps1          # $env:PYTHON picks the interpreter (default: python)
#
# Needs PyInstaller (pip install -e ".[packaging]") and Inno Setup 6 or 7 (installed with
# Chocolatey when ISCC.exe is not found).
$ErrorActionPreference = 'Stop'
Set-Location (Join-Path $PSScriptRoot '..\..')
$python = if ($env:PYTHON) { $env:PYTHON } else { 'python' }

function Invoke-Checked {
    param([string]$What, [scriptblock]$Command)
    & $Command
    if ($LASTEXITCODE -ne 0) { throw "$What failed with exit code $LASTEXITCODE" }
}

# The windowed kanpe.exe has no console to print to: its self-test writes its lines to a report
# file, and the exit code is the verdict. QT_QPA_PLATFORM=windows: real windows, Windows' fonts.
function Test-Windowed {
    param([string]$Exe, [string]$Report)
    Remove-Item $Report -ErrorAction SilentlyContinue
    $env:QT_QPA_PLATFORM = 'windows'
    try {
        $run = Start-Process -FilePath $Exe -Wait -PassThru -ArgumentList @('--self-test', '--report', "`"$Report`"")
    } finally {
        Remove-Item Env:QT_QPA_PLATFORM
    }
    if (Test-Path $Report) { Get-Content $Report | Write-Host } else { Write-Host "(no report at $Report)" }
    if ($run.ExitCode -ne 0) { throw "self-test of $Exe on the windows platform failed ($($run.ExitCode))" }
}

# ISCC.exe of Inno Setup 7 or 6: on PATH, in the uninstall registry (per machine or per user,
# wherever it was installed), or in the usual folders.
function Find-Iscc {
    $onPath = Get-Command iscc.exe -ErrorAction SilentlyContinue | Select-Object -First 1 -ExpandProperty Source
    if ($onPath) { return $onPath }
    $folders = @()
    foreach ($major in 7, 6) {
        foreach ($root in 'HKLM:\SOFTWARE\WOW6432Node', 'HKLM:\SOFTWARE', 'HKCU:\SOFTWARE') {
            $key = "$root\Microsoft\Windows\CurrentVersion\Uninstall\Inno Setup ${major}_is1"
            $location = (Get-ItemProperty $key -ErrorAction SilentlyContinue).InstallLocation
            if ($location) { $folders += $location }
        }
        foreach ($base in ${env:ProgramFiles(x86)}, $env:ProgramFiles, (Join-Path $env:LOCALAPPDATA 'Programs')) {
            if ($base) { $folders += Join-Path $base "Inno Setup $major" }
        }
    }
    foreach ($folder in $folders) {
        $candidate = Join-Path $folder 'ISCC.exe'
        if (Test-Path $candidate) { return $candidate }
    }
    return $null
}

$version, $numeric = (& $python packaging\versioninfo.py) -split ' '
if ($LASTEXITCODE -ne 0 -or -not $numeric) { throw 'packaging\versioninfo.py could not read the version' }
Write-Host "== PyInstaller: kanpe $version (Windows version resource $numeric)"
Remove-Item -Recurse -Force build\pyinstaller, dist\kanpe -ErrorAction SilentlyContinue
Invoke-Checked 'PyInstaller' {
    & $python -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build\pyinstaller packaging\kanpe.spec
}
foreach ($exe in 'kanpe.exe', 'kanpe-cli.exe') {
    $info = (Get-Item "dist\kanpe\$exe").VersionInfo
    Write-Host "$exe version resource: file $($info.FileVersion), product $($info.ProductVersion)"
    if ($info.ProductVersion -ne $version) { throw "$exe carries product version '$($info.ProductVersion)', not $version" }
}

Write-Host '== self-test of the bundle, offscreen (kanpe-cli.exe)'
Invoke-Checked 'self-test of dist\kanpe' { & dist\kanpe\kanpe-cli.exe --self-test }
Write-Host '== self-test of the bundle on the windows platform, through the windowed kanpe.exe'
$output = (Resolve-Path dist).Path
Test-Windowed -Exe (Resolve-Path dist\kanpe\kanpe.exe).Path -Report (Join-Path $output 'selftest-windowed.txt')

Write-Host '== Inno Setup'
$iscc = Find-Iscc
if (-not $iscc) {
    Invoke-Checked 'choco install innosetup' { choco install innosetup --yes --no-progress }
    $iscc = Find-Iscc  # look again: the new install is on no PATH this shell has read
}
if (-not $iscc) { throw 'ISCC.exe (Inno Setup 6 or 7) not found, even after choco install innosetup' }
Write-Host "using $iscc"
$bundle = (Resolve-Path dist\kanpe).Path
Invoke-Checked 'ISCC' {
    & $iscc /Qp "/DAppVersion=$version" "/DAppNumericVersion=$numeric" "/DBundleDir=$bundle" "/DOutputDir=$output" packaging\windows\kanpe.iss
}
$setup = Join-Path $output "KanpeSetup-$version.exe"

Write-Host '== install for this user, check what it registered, self-test the installed copy, uninstall'
$target = Join-Path ([IO.Path]::GetTempPath()) 'kanpe-install-test'
$install = Start-Process -FilePath $setup -Wait -PassThru -ArgumentList @(
    '/VERYSILENT', '/SUPPRESSMSGBOXES', '/NORESTART', "/DIR=`"$target`"", "/LOG=`"$output\install.log`"")
if ($install.ExitCode -ne 0) { throw "installer exited with $($install.ExitCode)" }
$userPath = [Environment]::GetEnvironmentVariable('Path', 'User')
if (($userPath -split ';') -notcontains $target) { throw "the installer did not put $target on the user's PATH" }
$command = (Get-ItemProperty 'HKCU:\Software\Classes\kanpe\shell\open\command').'(default)'
if ($command -notlike "*kanpe.exe*%1*") { throw "kanpe: links open '$command', not kanpe.exe" }
# kanpe-cli as a new terminal finds it, through the user's PATH the installer wrote.
$env:Path = "$userPath;$([Environment]::GetEnvironmentVariable('Path', 'Machine'))"
Invoke-Checked 'kanpe-cli --version from PATH' { kanpe-cli --version }
Invoke-Checked 'self-test of the installed copy' { kanpe-cli --self-test }
Test-Windowed -Exe (Join-Path $target 'kanpe.exe') -Report (Join-Path $output 'selftest-installed.txt')
$uninstall = Start-Process -FilePath (Join-Path $target 'unins000.exe') -Wait -PassThru -ArgumentList @(
    '/VERYSILENT', '/SUPPRESSMSGBOXES', '/NORESTART')
if ($uninstall.ExitCode -ne 0) { throw "uninstaller exited with $($uninstall.ExitCode)" }
$userPath = [Environment]::GetEnvironmentVariable('Path', 'User')
if (($userPath -split ';') -contains $target) { throw "the uninstaller left $target on the user's PATH" }
if (Test-Path 'HKCU:\Software\Classes\kanpe') { throw 'the uninstaller left the kanpe: scheme registered' }
Write-Host "made $setup ($([math]::Round((Get-Item $setup).Length / 1MB)) MB)"
