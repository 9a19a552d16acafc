# Windows: build the one-folder bundle, self-test it, make dist\KanpeSetup-<version>.exe with
# Inno Setup, then install it silently for this user, self-test the installed copy and uninstall.
#
#   pwsh packaging/windows/build.ps1          # $env:PYTHON picks the interpreter (default: python)
#
# Needs PyInstaller (pip install -e ".[packaging]") and Inno Setup 6 (installed with Chocolatey
# when ISCC.exe is not found).
$ErrorActionPreference = 'Stop'
Set-Location (Join-Path $PSScriptRoot '..\..')
$python = if ($env:PYTHON) { $env:PYTHON } else { 'python' }

function Invoke-Checked {
    param([string]$What, [scriptblock]$Command)
    & $Command
    if ($LASTEXITCODE -ne 0) { throw "$What failed with exit code $LASTEXITCODE" }
}

$version = & $python -c "import tomllib; print(tomllib.load(open('pyproject.toml', 'rb'))['project']['version'])"
Write-Host "== PyInstaller: kanpe $version"
Remove-Item -Recurse -Force build\pyinstaller, dist\kanpe -ErrorAction SilentlyContinue
Invoke-Checked 'PyInstaller' {
    & $python -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build\pyinstaller packaging\kanpe.spec
}

Write-Host '== self-test of the bundle (kanpe-cli.exe: the windowed kanpe.exe has no stdout)'
Invoke-Checked 'self-test of dist\kanpe' { & dist\kanpe\kanpe-cli.exe --self-test }

Write-Host '== Inno Setup'
$iscc = Get-Command iscc.exe -ErrorAction SilentlyContinue | Select-Object -ExpandProperty Source
if (-not $iscc) { $iscc = Join-Path ${env:ProgramFiles(x86)} 'Inno Setup 6\ISCC.exe' }
if (-not (Test-Path $iscc)) {
    Invoke-Checked 'choco install innosetup' { choco install innosetup --yes --no-progress }
}
$bundle = (Resolve-Path dist\kanpe).Path
$output = (Resolve-Path dist).Path
Invoke-Checked 'ISCC' { & $iscc /Qp "/DAppVersion=$version" "/DBundleDir=$bundle" "/DOutputDir=$output" packaging\windows\kanpe.iss }
$setup = Join-Path $output "KanpeSetup-$version.exe"

Write-Host '== install for this user, self-test the installed copy, uninstall'
$target = Join-Path ([IO.Path]::GetTempPath()) 'kanpe-install-test'
$install = Start-Process -FilePath $setup -Wait -PassThru -ArgumentList @(
    '/VERYSILENT', '/SUPPRESSMSGBOXES', '/NORESTART', "/DIR=$target", "/LOG=$output\install.log")
if ($install.ExitCode -ne 0) { throw "installer exited with $($install.ExitCode)" }
Invoke-Checked 'self-test of the installed copy' { & (Join-Path $target 'kanpe-cli.exe') --self-test }
$uninstall = Start-Process -FilePath (Join-Path $target 'unins000.exe') -Wait -PassThru -ArgumentList @(
    '/VERYSILENT', '/SUPPRESSMSGBOXES', '/NORESTART')
if ($uninstall.ExitCode -ne 0) { throw "uninstaller exited with $($uninstall.ExitCode)" }
Write-Host "made $setup ($([math]::Round((Get-Item $setup).Length / 1MB)) MB)"
