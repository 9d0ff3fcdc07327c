; Inno Setup 6 script: a per-user installer for the one-folder bundle dist\tianbao\.
; No administrator rights: it installs into %LOCALAPPDATA%\Programs\Tianbao ({userpf}),
; with Start-menu and desktop shortcuts for the person installing. Build the bundle first
; (README: 打包 Build), then, from the repository root:
;
;     iscc /DAppVersion=0.1.0 packaging\tianbao.iss     -> dist\tianbao-0.1.0-setup.exe
;
; The data (%LOCALAPPDATA%\Tianbao: the database, backups, log) is not the program's and is
; never removed by the uninstaller. This file is UTF-8 with a BOM (Inno reads it so).

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define AppName "填报 Tianbao"
#define AppExe "tianbao.exe"

[Setup]
; The AppId identifies the program across versions: never change it.
AppId={{F9FD4845-35B0-475A-8CC8-A156C9888732}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Tianbao
VersionInfoVersion={#AppVersion}
PrivilegesRequired=lowest
DefaultDirName={userpf}\Tianbao
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
SourceDir=..
OutputDir=dist
OutputBaseFilename=tianbao-{#AppVersion}-setup
SetupIconFile=resources\icons\tianbao.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
RestartApplications=no
ShowLanguageDialog=auto

[Languages]
; Chinese when this Inno Setup has ChineseSimplified.isl in its Languages folder (recent
; versions ship it; for older ones copy it there from jrsoftware.org), English always.
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; An upgrade replaces the program's own folder whole: no file of an older version lingers.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "dist\tianbao\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
