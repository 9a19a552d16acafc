; Inno Setup 6 or 7 script for Kanpe's Windows installer, KanpeSetup-<version>.exe.
;
; packaging/windows/build.ps1 builds the PyInstaller bundle, self-tests it, then runs:
;   iscc /DAppVersion=<version from pyproject.toml> /DAppNumericVersion=<its numeric form>
;        /DBundleDir=dist\kanpe /DOutputDir=dist packaging\windows\kanpe.iss
;
; Installs for the current user only, without administrator rights, into
; %LOCALAPPDATA%\Programs\Kanpe, with a Start menu shortcut, an optional desktop shortcut and an
; uninstaller (Settings > Apps, or the Start menu). Everything else it writes is per user and is
; removed on uninstall: the kanpe: link scheme (a speaker link opens Kanpe), Kanpe in the "Open
; with" list of PDF files (offered, never made the default PDF app), and, as a ticked option, the
; install folder on the user's PATH so that `kanpe-cli` works in a new terminal.

#ifndef AppVersion
  #error Pass the version from pyproject.toml: iscc /DAppVersion=X.Y.Z kanpe.iss
#endif
#ifndef AppNumericVersion
  ; VersionInfoVersion takes four numbers only: 0.2.0rc1 goes in as 0.2.0.0 (packaging/versioninfo.py).
  #error Pass the numeric version: iscc /DAppNumericVersion=X.Y.Z.N kanpe.iss
#endif
#ifndef BundleDir
  #define BundleDir "..\..\dist\kanpe"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif
#define AppName "Kanpe"
#define AppExe "kanpe.exe"
#define Scheme "kanpe"
#define DeckProgId "Kanpe.Deck"

[Setup]
; The AppId identifies Kanpe to Windows across versions: never change it.
AppId={{261E0886-91B7-44A9-996E-76F00515AA75}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Kanpe contributors
VersionInfoVersion={#AppNumericVersion}
VersionInfoProductTextVersion={#AppVersion}
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
; The PATH entry: Explorer (and so new terminals) reload the environment.
ChangesEnvironment=yes
; The kanpe: scheme and the "Open with" entry: Explorer reloads its associations.
ChangesAssociations=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "japanese"; MessagesFile: "compiler:Languages\Japanese.isl"

[CustomMessages]
english.AddToPath=Add kanpe-cli to PATH, for the terminal (kanpe-cli relay, kanpe-cli --self-test)
japanese.AddToPath=kanpe-cli を PATH に追加する（ターミナル用: kanpe-cli relay、kanpe-cli --self-test）
english.OpenPdfWith=Offer Kanpe in "Open with" for PDF files (your default PDF app stays)
japanese.OpenPdfWith=PDF の「プログラムから開く」に Kanpe を加える（既定の PDF アプリはそのまま）
english.DeckType=PDF deck for Kanpe
japanese.DeckType=Kanpe 用 PDF スライド
english.LinkType=URL:Kanpe speaker link
japanese.LinkType=URL:Kanpe 登壇者リンク

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "addtopath"; Description: "{cm:AddToPath}"
Name: "openpdfwith"; Description: "{cm:OpenPdfWith}"

[Registry]
; kanpe: links (the relay's speaker page hands the speaker link over this way) open Kanpe.
Root: HKCU; Subkey: "Software\Classes\{#Scheme}"; ValueType: string; ValueName: ""; ValueData: "{cm:LinkType}"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\{#Scheme}"; ValueType: string; ValueName: "URL Protocol"; ValueData: ""
Root: HKCU; Subkey: "Software\Classes\{#Scheme}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"",0"
Root: HKCU; Subkey: "Software\Classes\{#Scheme}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
; PDF decks: Kanpe is one of the "Open with" choices; the default PDF app is left alone.
Root: HKCU; Subkey: "Software\Classes\{#DeckProgId}"; ValueType: string; ValueName: ""; ValueData: "{cm:DeckType}"; Flags: uninsdeletekey; Tasks: openpdfwith
Root: HKCU; Subkey: "Software\Classes\{#DeckProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"",0"; Tasks: openpdfwith
Root: HKCU; Subkey: "Software\Classes\{#DeckProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""; Tasks: openpdfwith
Root: HKCU; Subkey: "Software\Classes\.pdf\OpenWithProgids"; ValueType: string; ValueName: "{#DeckProgId}"; ValueData: ""; Flags: uninsdeletevalue; Tasks: openpdfwith

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

[Code]
{ The per-user PATH entry (task addtopath): added after installing, without a duplicate on an
  upgrade, and taken out on uninstall, leaving the user's other entries as they were. }
const
  EnvironmentKey = 'Environment';

function PathWithout(Paths, Dir: string): string;
var
  Rest, Entry: string;
  Cut: Integer;
begin
  Result := '';
  Rest := Paths + ';';
  while Rest <> '' do
  begin
    Cut := Pos(';', Rest);
    Entry := Copy(Rest, 1, Cut - 1);
    Delete(Rest, 1, Cut);
    if (Entry <> '') and (CompareText(RemoveBackslashUnlessRoot(Entry), RemoveBackslashUnlessRoot(Dir)) <> 0) then
    begin
      if Result <> '' then
        Result := Result + ';';
      Result := Result + Entry;
    end;
  end;
end;

procedure WriteUserPath(Paths: string);
begin
  if Paths = '' then
    RegDeleteValue(HKEY_CURRENT_USER, EnvironmentKey, 'Path')
  else
    RegWriteExpandStringValue(HKEY_CURRENT_USER, EnvironmentKey, 'Path', Paths);
end;

procedure CurStepChanged(CurStep: TSetupStep);
var
  Paths: string;
begin
  if (CurStep = ssPostInstall) and WizardIsTaskSelected('addtopath') then
  begin
    if not RegQueryStringValue(HKEY_CURRENT_USER, EnvironmentKey, 'Path', Paths) then
      Paths := '';
    Paths := PathWithout(Paths, ExpandConstant('{app}'));
    if Paths <> '' then
      Paths := Paths + ';';
    WriteUserPath(Paths + ExpandConstant('{app}'));
  end;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Paths: string;
begin
  if (CurUninstallStep = usPostUninstall) and
     RegQueryStringValue(HKEY_CURRENT_USER, EnvironmentKey, 'Path', Paths) then
    WriteUserPath(PathWithout(Paths, ExpandConstant('{app}')));
end;
