; Build (NSIS, included by electron-builder through nsis.include in electron-builder.config.mjs).
; What electron-builder's assisted installer doesn't do by itself for a shared shop PC:
;   1. Installing: a page "Données partagées" (skipped on updates) choosing whether every Windows account of
;      the PC uses one machine-wide data folder (%ProgramData%\GMAO Atelier). Shared mode writes
;      gmao-atelier.json = {"dataMode":"shared"} beside the executable (read by electron/core/platform/data-dir.ts)
;      and gives the Users group write access to that folder, inherited by the database files.
;      Silent installs: /SHARED or /PERUSERDATA on the command line. An existing gmao-atelier.json (written
;      by IT by hand, e.g. {"dataDir":"D:\\GMAO"}) is kept across updates and reinstalls.
;   2. Uninstalling: the data stays (deleteAppDataOnUninstall: false). An interactive uninstall asks, default
;      "Non", whether to delete it too; silent uninstalls and updates never delete data.
; Checked by hand before each release: docs/release-checklist.md.

!include nsDialogs.nsh
!include FileFunc.nsh

!define GMAO_CONFIG_FILE "gmao-atelier.json"
!define GMAO_DATA_FOLDER "GMAO Atelier"

; Declared before electron-builder's pages use them, and only in the installer build: the uninstaller build
; would otherwise warn about unused variables, and electron-builder treats NSIS warnings as errors.
!ifndef BUILD_UNINSTALLER
  ; "shared", "user", or "keep" (a config file already exists beside the executable: keep it as it is).
  Var gmaoDataMode
  Var gmaoSharedCheckbox
!endif

!macro customInit
  InitPluginsDir
  StrCpy $gmaoDataMode "user"
  ${If} ${FileExists} "$INSTDIR\${GMAO_CONFIG_FILE}"
    CopyFiles /SILENT "$INSTDIR\${GMAO_CONFIG_FILE}" "$PLUGINSDIR\${GMAO_CONFIG_FILE}"
    StrCpy $gmaoDataMode "keep"
  ${Else}
    ReadRegStr $0 SHELL_CONTEXT "${INSTALL_REGISTRY_KEY}" GmaoDataMode
    ${If} $0 == "shared"
      StrCpy $gmaoDataMode "shared"
    ${EndIf}
  ${EndIf}
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/SHARED" $R1
  ${IfNot} ${Errors}
    StrCpy $gmaoDataMode "shared"
  ${EndIf}
  ClearErrors
  ${GetOptions} $R0 "/PERUSERDATA" $R1
  ${IfNot} ${Errors}
    StrCpy $gmaoDataMode "user"
  ${EndIf}
  ClearErrors
!macroend

!macro customPageAfterChangeDir
  Page custom gmaoDataPageCreate gmaoDataPageLeave

  Function gmaoDataPageCreate
    ${If} ${isUpdated}
      Abort
    ${EndIf}
    !insertmacro MUI_HEADER_TEXT "Données partagées" "Où GMAO Atelier enregistre sa base de données"
    nsDialogs::Create 1018
    Pop $0
    ${If} $0 == error
      Abort
    ${EndIf}
    ${NSD_CreateLabel} 0 0 100% 48u "Sur un poste d'atelier utilisé par plusieurs comptes Windows, tous les comptes doivent voir la même base de données. Elle est alors placée dans $\r$\n%ProgramData%\${GMAO_DATA_FOLDER}, accessible en écriture à tous les utilisateurs du poste."
    Pop $0
    ${NSD_CreateCheckbox} 0 56u 100% 24u "Partager les données entre tous les comptes de ce poste (recommandé pour un poste d'atelier)"
    Pop $gmaoSharedCheckbox
    ${If} $gmaoDataMode != "user"
      ${NSD_Check} $gmaoSharedCheckbox
    ${EndIf}
    ${NSD_CreateLabel} 0 88u 100% 40u "Sans cette option, chaque compte Windows a ses propres données. Le choix peut être changé plus tard en réinstallant, ou par le fichier ${GMAO_CONFIG_FILE} placé à côté de l'exécutable."
    Pop $0
    nsDialogs::Show
  FunctionEnd

  Function gmaoDataPageLeave
    ${NSD_GetState} $gmaoSharedCheckbox $0
    ${If} $0 == ${BST_CHECKED}
      ${If} $gmaoDataMode == "user"
        StrCpy $gmaoDataMode "shared"
      ${EndIf}
    ${Else}
      StrCpy $gmaoDataMode "user"
    ${EndIf}
  FunctionEnd
!macroend

!macro customInstall
  ${If} $gmaoDataMode == "keep"
    CopyFiles /SILENT "$PLUGINSDIR\${GMAO_CONFIG_FILE}" "$INSTDIR\${GMAO_CONFIG_FILE}"
  ${ElseIf} $gmaoDataMode == "shared"
    FileOpen $0 "$INSTDIR\${GMAO_CONFIG_FILE}" w
    FileWrite $0 '{"dataMode":"shared"}$\r$\n'
    FileClose $0
    ReadEnvStr $1 PROGRAMDATA
    ${If} $1 == ""
      StrCpy $1 "C:\ProgramData"
    ${EndIf}
    CreateDirectory "$1\${GMAO_DATA_FOLDER}"
    ; BUILTIN\Users (SID S-1-5-32-545, whatever the Windows language) may modify the folder, and everything
    ; created in it inherits that right: the database, its -wal and -shm files, backups and logs.
    nsExec::ExecToLog 'icacls "$1\${GMAO_DATA_FOLDER}" /grant *S-1-5-32-545:(OI)(CI)M /T /Q'
    Pop $2
    ${If} $2 != 0
      DetailPrint "icacls a échoué ($2) : vérifiez les droits de $1\${GMAO_DATA_FOLDER}."
    ${EndIf}
  ${Else}
    Delete "$INSTDIR\${GMAO_CONFIG_FILE}"
  ${EndIf}
  WriteRegStr SHELL_CONTEXT "${INSTALL_REGISTRY_KEY}" GmaoDataMode $gmaoDataMode
!macroend

!macro customUnInstall
  ; Updates run the old uninstaller with --updated: never a question, never a deletion.
  ${IfNot} ${isUpdated}
  ${AndIfNot} ${Silent}
    ReadRegStr $R5 SHELL_CONTEXT "${INSTALL_REGISTRY_KEY}" GmaoDataMode
    ReadEnvStr $R6 PROGRAMDATA
    ${If} $R6 == ""
      StrCpy $R6 "C:\ProgramData"
    ${EndIf}
    SetShellVarContext current
    StrCpy $R7 "$APPDATA\${GMAO_DATA_FOLDER}"
    ${If} $installMode == "all"
      SetShellVarContext all
    ${EndIf}
    StrCpy $R8 "$R7"
    ${If} $R5 == "shared"
      StrCpy $R8 "$R6\${GMAO_DATA_FOLDER} (données partagées de tous les comptes)$\r$\n$R7"
    ${EndIf}
    MessageBox MB_YESNO|MB_ICONQUESTION|MB_DEFBUTTON2 "Supprimer aussi les données de GMAO Atelier ?$\r$\n$\r$\nLa base de données, les sauvegardes et les journaux seront effacés définitivement :$\r$\n$R8$\r$\n$\r$\nRépondez Non pour les garder (réinstallation, mise à jour, changement de poste). Les données des autres comptes Windows et un dossier choisi dans ${GMAO_CONFIG_FILE} ne sont jamais effacés ici." /SD IDNO IDYES gmaoDeleteData IDNO gmaoKeepData
    gmaoDeleteData:
      RMDir /r "$R7"
      ${If} $R5 == "shared"
        RMDir /r "$R6\${GMAO_DATA_FOLDER}"
      ${EndIf}
    gmaoKeepData:
  ${EndIf}
!macroend
