; Inno Setup 6 script for Kanpe's Windows installer, KanpeSetup-<version>.exe.
;
; packaging/windows/build.ps1 builds the PyInstaller bundle, self-tests it, then runs:
;   iscc /DAppVersion=<version from pyproject.toml> /DBundleDir=dist\kanpe /DOutputDir=dist packaging\windows\kanpe.iss
;
; Installs for the current user only, without administrator rights, into
; %LOCALAPPDATA%\Programs\Kanpe, with a Start menu shortcut, an optional desktop shortcut and an
; uninstaller (Settings > Apps, or the Start menu).

#ifndef AppVersion
  #error Pass the version from pyproject.toml: iscc /DAppVersion=X.Y.Z kanpe.iss
#endif
#ifndef BundleDir
  #define BundleDir "..\..\dist\kanpe"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif
#define AppName "Kanpe"
#define AppExe "kanpe.exe"

[Setup]
; The AppId identifies Kanpe to Windows across versions: never change it.
AppId={{261E0886-91B7-44A9-996E-76F00515AA75}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Kanpe contributors
VersionInfoVersion={#AppVersion}
VersionInfoDescription={#AppName} installer
; Per-user install: {autopf} is %LOCALAPPDATA%\Programs when running without admin rights.
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; 64-bit only, Windows 10 1809 or later: what Qt 6 supports.
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0.17763
OutputDir={#OutputDir}
OutputBaseFilename=KanpeSetup-{#AppVersion}
SetupIconFile=..\..\assets\icons\kanpe.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; A running Kanpe holds its files open: ask to close it before upgrading or uninstalling.
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "japanese"; MessagesFile: "compiler:Languages\Japanese.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the whole bundle: files the new version no longer ships must not linger.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
