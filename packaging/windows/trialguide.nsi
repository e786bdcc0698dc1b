; TrialGuide Windows installer (NSIS 3, Modern UI 2).
;
; Build on Windows after `pyinstaller packaging\trialguide.spec`:
;   makensis /DVERSION=0.1.0 /DBUNDLE=..\..\dist\trialguide packaging\windows\trialguide.nsi
; CI on Linux compiles it against a placeholder bundle to prove the script is valid.
;
; Per-machine install into Program Files, Start menu entries (TrialGuide and
; TrialGuide (kiosk)), an uninstaller registered in Add/Remove Programs, version info,
; English and Farsi installer languages.

Unicode true
!include "MUI2.nsh"
!include "FileFunc.nsh"

!ifndef VERSION
  !error "Pass the version: makensis /DVERSION=x.y.z"
!endif
!ifndef BUNDLE
  !define BUNDLE "..\..\dist\trialguide"
!endif
!ifndef OUTDIR
  !define OUTDIR "..\..\dist"
!endif

!define APPNAME "TrialGuide"
!define COMPANY "TrialGuide developers"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APPNAME}"

Name "${APPNAME}"
OutFile "${OUTDIR}\trialguide-${VERSION}-windows-x64-setup.exe"
InstallDir "$PROGRAMFILES64\${APPNAME}"
InstallDirRegKey HKLM "Software\${APPNAME}" "InstallDir"
RequestExecutionLevel admin
SetCompressor /SOLID lzma
ShowInstDetails show
ShowUninstDetails show

; Version info: a 4-part numeric version for the file's properties.
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=1033 "ProductName" "${APPNAME}"
VIAddVersionKey /LANG=1033 "CompanyName" "${COMPANY}"
VIAddVersionKey /LANG=1033 "FileDescription" "${APPNAME} installer"
VIAddVersionKey /LANG=1033 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "LegalCopyright" "MIT licence; Vazirmatn font under SIL OFL 1.1"

!define MUI_ICON "trialguide.ico"
!define MUI_UNICON "trialguide.ico"
!define MUI_ABORTWARNING

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_LICENSE "license.txt"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "Farsi"

LangString ShortcutKiosk ${LANG_ENGLISH} "TrialGuide (kiosk)"
LangString ShortcutKiosk ${LANG_FARSI} "راهنمای کارآزمایی (کیوسک)"
LangString ShortcutApp ${LANG_ENGLISH} "TrialGuide"
LangString ShortcutApp ${LANG_FARSI} "راهنمای کارآزمایی"
LangString ShortcutUninstall ${LANG_ENGLISH} "Uninstall TrialGuide"
LangString ShortcutUninstall ${LANG_FARSI} "حذف راهنمای کارآزمایی"

Function .onInit
  SetShellVarContext all
  !insertmacro MUI_LANGDLL_DISPLAY
FunctionEnd

Function un.onInit
  SetShellVarContext all
  !insertmacro MUI_UNGETLANGUAGE
FunctionEnd

Section "TrialGuide" SecMain
  SectionIn RO
  SetOutPath "$INSTDIR"
  File /r "${BUNDLE}\*.*"
  File "trialguide.ico"

  CreateDirectory "$SMPROGRAMS\${APPNAME}"
  CreateShortcut "$SMPROGRAMS\${APPNAME}\$(ShortcutApp).lnk" "$INSTDIR\trialguide.exe" "" "$INSTDIR\trialguide.ico"
  CreateShortcut "$SMPROGRAMS\${APPNAME}\$(ShortcutKiosk).lnk" "$INSTDIR\trialguide.exe" "--kiosk" "$INSTDIR\trialguide.ico"
  CreateShortcut "$SMPROGRAMS\${APPNAME}\$(ShortcutUninstall).lnk" "$INSTDIR\uninstall.exe"

  WriteUninstaller "$INSTDIR\uninstall.exe"
  WriteRegStr HKLM "Software\${APPNAME}" "InstallDir" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "${APPNAME}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "Publisher" "${COMPANY}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\trialguide.ico"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "Uninstall"
  Delete "$SMPROGRAMS\${APPNAME}\*.lnk"
  RMDir "$SMPROGRAMS\${APPNAME}"
  RMDir /r "$INSTDIR"
  DeleteRegKey HKLM "${UNINSTALL_KEY}"
  DeleteRegKey HKLM "Software\${APPNAME}"
SectionEnd
