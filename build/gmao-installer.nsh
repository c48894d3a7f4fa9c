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
;   3. Installing: a page "Rôle de ce poste" (issue 16, skipped on updates: the role is remembered) with the three
;      roles of docs/site-server.md. Poste autonome: nothing more. Poste client: asks the server's address and writes
;      gmao-atelier.json = {"server":"https://host:8443"} (with "dataMode":"shared" when the data folder is shared;
;      never a database address: a client holds no credentials). Serveur de site: a boot task running the executable
;      with --server as SYSTEM (an Electron executable is not a Windows service: it doesn't answer the service
;      control manager) and a firewall rule opening the port to that program only. The same choices as
;      build/installer/site-roles.mjs (configForRole, windowsServerCommands), held to it by
;      tests/scripts/site-roles.test.ts. Silent installs: /ROLE=client /SERVER=serveur-gmao, /ROLE=server [/PORT=8443].
;      Uninstalling removes the task and the firewall rule (the server's data stays, as the workstations' does).
; Checked by hand before each release: docs/release-checklist.md.

!include nsDialogs.nsh
!include FileFunc.nsh

!define GMAO_CONFIG_FILE "gmao-atelier.json"
!define GMAO_DATA_FOLDER "GMAO Atelier"
!define GMAO_SERVER_TASK "GMAO Atelier Serveur"
!define GMAO_SERVER_FIREWALL "GMAO Atelier Serveur (TCP)"
!define GMAO_SERVER_DATA_FOLDER "GMAO Atelier Serveur"
!define GMAO_DEFAULT_PORT "8443"

; Declared before electron-builder's pages use them, and only in the installer build: the uninstaller build
; would otherwise warn about unused variables, and electron-builder treats NSIS warnings as errors.
!ifndef BUILD_UNINSTALLER
  ; "shared", "user", or "keep" (a config file already exists beside the executable: keep it as it is).
  Var gmaoDataMode
  Var gmaoSharedCheckbox
  ; "standalone", "client" or "server"; the client's server address; the server's port.
  Var gmaoRole
  Var gmaoServerAddress
  Var gmaoPort
  Var gmaoRoleStandalone
  Var gmaoRoleClient
  Var gmaoRoleServer
  Var gmaoAddressField
  Var gmaoPortField
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
  ; The site role: remembered from the last install, or given on the command line.
  ReadRegStr $gmaoRole SHELL_CONTEXT "${INSTALL_REGISTRY_KEY}" GmaoSiteRole
  ReadRegStr $gmaoServerAddress SHELL_CONTEXT "${INSTALL_REGISTRY_KEY}" GmaoSiteServer
  ReadRegStr $gmaoPort SHELL_CONTEXT "${INSTALL_REGISTRY_KEY}" GmaoSitePort
  ${If} $gmaoRole == ""
    StrCpy $gmaoRole "standalone"
  ${EndIf}
  ${If} $gmaoPort == ""
    StrCpy $gmaoPort "${GMAO_DEFAULT_PORT}"
  ${EndIf}
  ${GetOptions} $R0 "/ROLE=" $R1
  ${IfNot} ${Errors}
    StrCpy $gmaoRole $R1
  ${EndIf}
  ClearErrors
  ${GetOptions} $R0 "/SERVER=" $R1
  ${IfNot} ${Errors}
    StrCpy $gmaoServerAddress $R1
  ${EndIf}
  ClearErrors
  ${GetOptions} $R0 "/PORT=" $R1
  ${IfNot} ${Errors}
    StrCpy $gmaoPort $R1
  ${EndIf}
  ClearErrors
  ; An update replaces the executable the server runs: stop it first (the install starts it again).
  ${If} $gmaoRole == "server"
    nsExec::ExecToLog 'schtasks /End /TN "${GMAO_SERVER_TASK}"'
    Pop $R1
  ${EndIf}
!macroend

!macro customPageAfterChangeDir
  Page custom gmaoDataPageCreate gmaoDataPageLeave
  Page custom gmaoRolePageCreate gmaoRolePageLeave

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

  Function gmaoRolePageCreate
    ${If} ${isUpdated}
      Abort
    ${EndIf}
    !insertmacro MUI_HEADER_TEXT "Rôle de ce poste" "Poste autonome, poste client d'un serveur de site, ou serveur de site"
    nsDialogs::Create 1018
    Pop $0
    ${If} $0 == error
      Abort
    ${EndIf}
    ${NSD_CreateRadioButton} 0 0 100% 12u "Poste autonome : les données sont sur ce poste (un seul poste, ou un essai)"
    Pop $gmaoRoleStandalone
    ${NSD_CreateRadioButton} 0 16u 100% 12u "Poste client : ce poste utilise les données du serveur de site de l'usine"
    Pop $gmaoRoleClient
    ${NSD_CreateLabel} 12u 32u 80u 12u "Adresse du serveur :"
    Pop $0
    ${NSD_CreateText} 94u 30u 60% 13u "$gmaoServerAddress"
    Pop $gmaoAddressField
    ${NSD_CreateLabel} 12u 46u 95% 18u "Exemple : serveur-gmao ou https://serveur-gmao:8443. Au premier lancement, saisissez le code de raccordement donné par l'administrateur."
    Pop $0
    ${NSD_CreateRadioButton} 0 70u 100% 12u "Serveur de site : ce poste sert les données à tous les postes clients"
    Pop $gmaoRoleServer
    ${NSD_CreateLabel} 12u 86u 80u 12u "Port TCP :"
    Pop $0
    ${NSD_CreateNumber} 94u 84u 40u 13u "$gmaoPort"
    Pop $gmaoPortField
    ${NSD_CreateLabel} 12u 100u 95% 28u "Le serveur démarre avec l'ordinateur (tâche planifiée, compte SYSTEM) et le pare-feu Windows ouvre ce port. Ses données : %ProgramData%\${GMAO_SERVER_DATA_FOLDER}. Voir le guide « Serveur de site »."
    Pop $0
    ${If} $gmaoRole == "client"
      ${NSD_Check} $gmaoRoleClient
    ${ElseIf} $gmaoRole == "server"
      ${NSD_Check} $gmaoRoleServer
    ${Else}
      ${NSD_Check} $gmaoRoleStandalone
    ${EndIf}
    nsDialogs::Show
  FunctionEnd

  Function gmaoRolePageLeave
    StrCpy $gmaoRole "standalone"
    ${NSD_GetState} $gmaoRoleClient $0
    ${If} $0 == ${BST_CHECKED}
      StrCpy $gmaoRole "client"
    ${EndIf}
    ${NSD_GetState} $gmaoRoleServer $0
    ${If} $0 == ${BST_CHECKED}
      StrCpy $gmaoRole "server"
    ${EndIf}
    ${NSD_GetText} $gmaoAddressField $gmaoServerAddress
    ${NSD_GetText} $gmaoPortField $gmaoPort
    ${If} $gmaoRole == "client"
      Call gmaoCheckAddress
      ${If} $0 != ""
        MessageBox MB_OK|MB_ICONEXCLAMATION "$0"
        Abort
      ${EndIf}
    ${ElseIf} $gmaoRole == "server"
      ${If} $gmaoPort < 1
      ${OrIf} $gmaoPort > 65535
        MessageBox MB_OK|MB_ICONEXCLAMATION "Port impossible : entre 1 et 65535 (8443 par défaut)."
        Abort
      ${EndIf}
    ${EndIf}
  FunctionEnd

  ; $gmaoServerAddress → https://… (the port, when missing, is added by the app: 8443). $0 = "" when fine, else
  ; the French sentence to show. Only the characters of a host name, an IP address and a port: the address goes
  ; into a JSON file as it is.
  Function gmaoCheckAddress
    StrCpy $0 ""
    ${If} $gmaoServerAddress == ""
      StrCpy $0 "Saisissez l'adresse du serveur de site, par exemple serveur-gmao ou https://serveur-gmao:8443."
      Return
    ${EndIf}
    StrCpy $1 $gmaoServerAddress 8
    ${If} $1 != "https://"
      StrCpy $1 $gmaoServerAddress 7
      ${If} $1 == "http://"
        StrCpy $0 "L'adresse doit commencer par https:// (le serveur de site ne parle que TLS)."
        Return
      ${EndIf}
      StrCpy $gmaoServerAddress "https://$gmaoServerAddress"
    ${EndIf}
    StrCpy $2 8
    gmaoCheckAddressLoop:
      StrCpy $1 $gmaoServerAddress 1 $2
      StrCmp $1 "" gmaoCheckAddressDone
      StrCpy $3 0
      gmaoCheckAddressChar:
        StrCpy $4 "abcdefghijklmnopqrstuvwxyz0123456789.-:[]/" 1 $3
        StrCmp $4 "" gmaoCheckAddressBad
        StrCmp $1 $4 gmaoCheckAddressNext
        IntOp $3 $3 + 1
        Goto gmaoCheckAddressChar
      gmaoCheckAddressNext:
      IntOp $2 $2 + 1
      Goto gmaoCheckAddressLoop
    gmaoCheckAddressBad:
      StrCpy $0 "« $gmaoServerAddress » n'est pas une adresse de serveur : un nom ou une adresse IP, suivi au besoin de :port."
      Return
    gmaoCheckAddressDone:
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
  !insertmacro gmaoInstallRole
!macroend

; The site role (after the data mode: a client's file keeps the shared-folder choice).
!macro gmaoInstallRole
  ${If} $gmaoRole == "client"
    ${If} $gmaoDataMode == "shared"
      StrCpy $1 '{"dataMode":"shared","server":"$gmaoServerAddress"}'
    ${Else}
      StrCpy $1 '{"server":"$gmaoServerAddress"}'
    ${EndIf}
    FileOpen $0 "$INSTDIR\${GMAO_CONFIG_FILE}" w
    FileWrite $0 '$1$\r$\n'
    FileClose $0
  ${EndIf}
  ; A PC that was the server and is no longer: its boot task and firewall rule go (its data stays).
  nsExec::ExecToLog 'schtasks /Delete /F /TN "${GMAO_SERVER_TASK}"'
  Pop $2
  nsExec::ExecToLog 'netsh advfirewall firewall delete rule name="${GMAO_SERVER_FIREWALL}"'
  Pop $2
  ${If} $gmaoRole == "server"
    ReadEnvStr $1 PROGRAMDATA
    ${If} $1 == ""
      StrCpy $1 "C:\ProgramData"
    ${EndIf}
    CreateDirectory "$1\${GMAO_SERVER_DATA_FOLDER}"
    nsExec::ExecToLog 'schtasks /Create /F /TN "${GMAO_SERVER_TASK}" /SC ONSTART /RU SYSTEM /RL HIGHEST /TR "\"$INSTDIR\${APP_EXECUTABLE_FILENAME}\" --server --data-dir \"$1\${GMAO_SERVER_DATA_FOLDER}\" --port $gmaoPort"'
    Pop $2
    ${If} $2 != 0
      DetailPrint "La tâche planifiée du serveur n'a pas pu être créée ($2) : voir le guide « Serveur de site »."
    ${EndIf}
    nsExec::ExecToLog 'netsh advfirewall firewall add rule name="${GMAO_SERVER_FIREWALL}" dir=in action=allow protocol=TCP localport=$gmaoPort program="$INSTDIR\${APP_EXECUTABLE_FILENAME}"'
    Pop $2
    nsExec::ExecToLog 'schtasks /Run /TN "${GMAO_SERVER_TASK}"'
    Pop $2
  ${EndIf}
  WriteRegStr SHELL_CONTEXT "${INSTALL_REGISTRY_KEY}" GmaoSiteRole $gmaoRole
  WriteRegStr SHELL_CONTEXT "${INSTALL_REGISTRY_KEY}" GmaoSiteServer $gmaoServerAddress
  WriteRegStr SHELL_CONTEXT "${INSTALL_REGISTRY_KEY}" GmaoSitePort $gmaoPort
!macroend

!macro customUnInstall
  ; The server's boot task and firewall rule go with the program (an update installs them again).
  nsExec::ExecToLog 'schtasks /End /TN "${GMAO_SERVER_TASK}"'
  Pop $R9
  nsExec::ExecToLog 'schtasks /Delete /F /TN "${GMAO_SERVER_TASK}"'
  Pop $R9
  nsExec::ExecToLog 'netsh advfirewall firewall delete rule name="${GMAO_SERVER_FIREWALL}"'
  Pop $R9
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
