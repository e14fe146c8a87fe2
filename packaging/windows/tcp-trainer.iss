; Inno Setup 6 script: a Windows installer for the one-folder app PyInstaller builds.
; Cannot be built on the Linux build machines; on Windows, from the repository root:
;
;   py -3.11 -m venv .venv && .venv\Scripts\activate && pip install ".[packaging]"
;   python packaging\make_icons.py build\icons
;   pyinstaller --noconfirm --distpath dist --workpath build\pyinstaller packaging\tcp-trainer.spec
;   iscc /DAppVersion=0.1.0 packaging\windows\tcp-trainer.iss
;
; gives dist\tcp-trainer-0.1.0-setup.exe. The spec makes two executables sharing one _internal
; folder: tcp-trainer.exe (console, for the commands) and tcp-trainer-gui.exe (no console
; window), which the Start menu entry and the file associations start.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z (the one in trainer/__init__.py)
#endif
#define AppName "TCP Trainer"
#define GuiExe "tcp-trainer-gui.exe"
#define Root "..\.."

[Setup]
; Never change AppId: Windows finds an installed TCP Trainer by it for upgrades and uninstall.
AppId={{7175155F-8949-4F2A-A66E-4539DE950651}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=The TCP Trainer developers
DefaultDirName={autopf}\TCP Trainer
DefaultGroupName=TCP Trainer
DisableProgramGroupPage=yes
; Installs for the current user without administrator rights; the user may choose all users.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#Root}\dist
OutputBaseFilename=tcp-trainer-{#AppVersion}-setup
SetupIconFile={#Root}\build\icons\tcp-trainer.ico
UninstallDisplayIcon={app}\{#GuiExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
; Simplified Chinese is a third-party Inno Setup translation: used when it is installed.
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "zh_CN"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#Root}\dist\tcp-trainer\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#GuiExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#GuiExe}"; Tasks: desktopicon

[Registry]
; Traces (.tcpt text notation, .tcptrace JSON) open in TCP Trainer by default.
Root: HKA; Subkey: "Software\Classes\TcpTrainer.Trace"; ValueType: string; ValueName: ""; ValueData: "TCP Trainer trace"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\TcpTrainer.Trace\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#GuiExe},0"
Root: HKA; Subkey: "Software\Classes\TcpTrainer.Trace\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#GuiExe}"" gui ""%1"""
Root: HKA; Subkey: "Software\Classes\.tcpt"; ValueType: string; ValueName: ""; ValueData: "TcpTrainer.Trace"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.tcpt\OpenWithProgids"; ValueType: string; ValueName: "TcpTrainer.Trace"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.tcptrace"; ValueType: string; ValueName: ""; ValueData: "TcpTrainer.Trace"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.tcptrace\OpenWithProgids"; ValueType: string; ValueName: "TcpTrainer.Trace"; ValueData: ""; Flags: uninsdeletevalue
; Captures: offered under "Open with" only, so that Wireshark stays the default.
Root: HKA; Subkey: "Software\Classes\TcpTrainer.Capture"; ValueType: string; ValueName: ""; ValueData: "Packet capture"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\TcpTrainer.Capture\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#GuiExe},0"
Root: HKA; Subkey: "Software\Classes\TcpTrainer.Capture\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#GuiExe}"" gui ""%1"""
Root: HKA; Subkey: "Software\Classes\.pcap\OpenWithProgids"; ValueType: string; ValueName: "TcpTrainer.Capture"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.pcapng\OpenWithProgids"; ValueType: string; ValueName: "TcpTrainer.Capture"; ValueData: ""; Flags: uninsdeletevalue
; "Open with" lists the app under its own name.
Root: HKA; Subkey: "Software\Classes\Applications\{#GuiExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#GuiExe}\SupportedTypes"; ValueType: string; ValueName: ".tcpt"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#GuiExe}\SupportedTypes"; ValueType: string; ValueName: ".tcptrace"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#GuiExe}\SupportedTypes"; ValueType: string; ValueName: ".pcap"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#GuiExe}\SupportedTypes"; ValueType: string; ValueName: ".pcapng"; ValueData: ""

[Run]
Filename: "{app}\{#GuiExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
