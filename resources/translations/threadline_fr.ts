<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>CardKind</name>
    <message>
        <source>Lead</source>
        <translation>Prospect</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>Deal</source>
        <translation>Affaire</translation>
    </message>
</context>
<context>
    <name>CardValidator</name>
    <message>
        <source>%1 already belongs to the lead “%2”.</source>
        <translation>%1 appartient déjà au prospect « %2 ».</translation>
    </message>
    <message>
        <source>%1 already belongs to the contact “%2”.</source>
        <translation>%1 appartient déjà au contact « %2 ».</translation>
    </message>
    <message>
        <source>%1 already belongs to the deal “%2”.</source>
        <translation>%1 appartient déjà à l’affaire « %2 ».</translation>
    </message>
    <message>
        <source>Enter a name.</source>
        <translation>Saisissez un nom.</translation>
    </message>
    <message>
        <source>The value must be a number, such as 12500 or 12500.50.</source>
        <translation>Le montant doit être un nombre, par exemple 12500 ou 12500,50.</translation>
    </message>
    <message>
        <source>Choose a currency: a three-letter code such as EUR or USD.</source>
        <translation>Choisissez une devise : un code de trois lettres comme EUR ou USD.</translation>
    </message>
    <message>
        <source>“%1” is not a valid email address.</source>
        <translation>« %1 » n’est pas une adresse e-mail valide.</translation>
    </message>
    <message>
        <source>%1 is listed twice.</source>
        <translation>%1 figure deux fois.</translation>
    </message>
</context>
<context>
    <name>ContactKind</name>
    <message>
        <source>Person</source>
        <translation>Personne</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
</context>
<context>
    <name>DealStage</name>
    <message>
        <source>Incoming</source>
        <translation>Entrant</translation>
    </message>
    <message>
        <source>Qualified</source>
        <translation>Qualifié</translation>
    </message>
    <message>
        <source>Quote</source>
        <translation>Devis</translation>
    </message>
    <message>
        <source>Closure</source>
        <translation>Conclusion</translation>
    </message>
    <message>
        <source>Won</source>
        <translation>Gagnée</translation>
    </message>
    <message>
        <source>Unqualified</source>
        <translation>Non qualifié</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>Perdue</translation>
    </message>
</context>
<context>
    <name>LeadStatus</name>
    <message>
        <source>New</source>
        <translation>Nouveau</translation>
    </message>
    <message>
        <source>Contacted</source>
        <translation>Contacté</translation>
    </message>
    <message>
        <source>Qualified</source>
        <translation>Qualifié</translation>
    </message>
    <message>
        <source>Unqualified</source>
        <translation>Non qualifié</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Threadline</source>
        <translation>Threadline</translation>
    </message>
    <message>
        <source>Threadline cannot open its database in %1.

%2</source>
        <translation>Threadline ne peut pas ouvrir sa base de données dans %1.

%2</translation>
    </message>
</context>
<context>
    <name>WindowModule</name>
    <message>
        <source>Threadline cannot find its window module. It looked for: %1. Reinstall Threadline; the headless commands still work.</source>
        <translation>Threadline ne trouve pas son module de fenêtre. Emplacements cherchés : %1. Réinstallez Threadline ; les commandes sans fenêtre fonctionnent toujours.</translation>
    </message>
    <message>
        <source>Threadline cannot load its window module: %1. Reinstall Threadline; the headless commands still work.</source>
        <translation>Threadline ne peut pas charger son module de fenêtre : %1. Réinstallez Threadline ; les commandes sans fenêtre fonctionnent toujours.</translation>
    </message>
</context>
<context>
    <name>threadline::account::SecretStore</name>
    <message>
        <source>No account was given for the keychain entry.</source>
        <translation>Aucun compte n’a été indiqué pour l’entrée du trousseau.</translation>
    </message>
    <message>
        <source>No password for %1 is saved in the keychain.</source>
        <translation>Aucun mot de passe pour %1 n’est enregistré dans le trousseau.</translation>
    </message>
    <message>
        <source>No keychain is available. Threadline keeps passwords only in the desktop keychain (a Secret Service such as GNOME Keyring or KWallet, reached over D-Bus). Log in to a desktop session or start a keychain, then try again.</source>
        <translation>Aucun trousseau n’est disponible. Threadline ne garde les mots de passe que dans le trousseau du bureau (un Secret Service comme GNOME Keyring ou KWallet, joint par D-Bus). Ouvrez une session de bureau ou démarrez un trousseau, puis réessayez.</translation>
    </message>
    <message>
        <source>The keychain refused access. Unlock it and try again.</source>
        <translation>Le trousseau a refusé l’accès. Déverrouillez-le et réessayez.</translation>
    </message>
    <message>
        <source>The keychain reported an error: %1</source>
        <translation>Le trousseau a signalé une erreur : %1</translation>
    </message>
</context>
<context>
    <name>threadline::cli::AccountAddCommand</name>
    <message>
        <source>--%1 is required. Run threadline --help for the list of options.</source>
        <translation>--%1 est obligatoire. Lancez threadline --help pour la liste des options.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an email address.</source>
        <translation>« %1 » n’est pas une adresse e-mail.</translation>
    </message>
    <message>
        <source>--%1-port must be a number from 1 to 65535.</source>
        <translation>--%1-port doit être un nombre de 1 à 65535.</translation>
    </message>
    <message>
        <source>--%1-security must be tls or starttls.</source>
        <translation>--%1-security doit valoir tls ou starttls.</translation>
    </message>
    <message>
        <source>Cannot read the CA file %1.</source>
        <translation>Impossible de lire le fichier d’autorité de certification %1.</translation>
    </message>
    <message>
        <source>--history-days must be 0 (all mail) or a number of days.</source>
        <translation>--history-days doit valoir 0 (tout le courrier) ou un nombre de jours.</translation>
    </message>
    <message>
        <source>threadline account add: pass the password on standard input with --password-stdin.</source>
        <translation>threadline account add : passez le mot de passe sur l’entrée standard avec --password-stdin.</translation>
    </message>
    <message>
        <source>threadline account add: no password on standard input.</source>
        <translation>threadline account add : aucun mot de passe sur l’entrée standard.</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>Impossible d’écrire %1.</translation>
    </message>
    <message>
        <source>Account %1 added to %2: IMAP sign-in checked on %3:%4; the password is in the keychain.</source>
        <translation>Compte %1 ajouté à %2 : identification IMAP vérifiée sur %3:%4 ; le mot de passe est dans le trousseau.</translation>
    </message>
    <message>
        <source>Nothing was stored.</source>
        <translation>Rien n’a été enregistré.</translation>
    </message>
    <message>
        <source>threadline account add: the profile %1 already has the account %2. Threadline keeps one account per profile: use another --profile.</source>
        <translation>threadline account add : le profil %1 a déjà le compte %2. Threadline garde un compte par profil : utilisez un autre --profile.</translation>
    </message>
</context>
<context>
    <name>threadline::cli::CardsJsonImporter</name>
    <message>
        <source>Not valid JSON: %1 at offset %2.</source>
        <translation>JSON invalide : %1 à la position %2.</translation>
    </message>
    <message>
        <source>Unsupported card file version (expected 1).</source>
        <translation>Version de fichier de fiches non prise en charge (1 attendue).</translation>
    </message>
    <message>
        <source>Lead %1 has no name.</source>
        <translation>Le prospect %1 n’a pas de nom.</translation>
    </message>
    <message>
        <source>Contact %1 has no name.</source>
        <translation>Le contact %1 n’a pas de nom.</translation>
    </message>
    <message>
        <source>Deal %1 has no name.</source>
        <translation>L’affaire %1 n’a pas de nom.</translation>
    </message>
    <message>
        <source>Deal %1 has an unknown stage &quot;%2&quot;.</source>
        <translation>L’affaire %1 a une étape inconnue « %2 ».</translation>
    </message>
    <message>
        <source>Deal %1 has an invalid value &quot;%2&quot;.</source>
        <translation>L’affaire %1 a un montant invalide « %2 ».</translation>
    </message>
    <message>
        <source>Deal %1 names contact %2, which no card has.</source>
        <translation>L’affaire %1 cite le contact %2, qu’aucune fiche ne porte.</translation>
    </message>
    <message>
        <source>Could not save the imported cards.</source>
        <translation>Impossible d’enregistrer les fiches importées.</translation>
    </message>
</context>
<context>
    <name>threadline::cli::CommandLine</name>
    <message>
        <source>--profile needs a folder.</source>
        <translation>--profile demande un dossier.</translation>
    </message>
    <message>
        <source>--format needs a value.</source>
        <translation>--format demande une valeur.</translation>
    </message>
    <message>
        <source>--output needs a file name.</source>
        <translation>--output demande un nom de fichier.</translation>
    </message>
    <message>
        <source>Usage: threadline account add --email ADDRESS … (see --help).</source>
        <translation>Usage : threadline account add --email ADRESSE … (voir --help).</translation>
    </message>
    <message>
        <source>Unknown command &quot;%1&quot;. Run threadline --help for the list.</source>
        <translation>Commande inconnue « %1 ». Lancez threadline --help pour la liste.</translation>
    </message>
    <message>
        <source>%1 needs a value.</source>
        <translation>%1 demande une valeur.</translation>
    </message>
    <message>
        <source>Unknown option %1. Run threadline --help for the list.</source>
        <translation>Option inconnue %1. Lancez threadline --help pour la liste.</translation>
    </message>
    <message>
        <source>%1 belongs to threadline account add.</source>
        <translation>%1 s’utilise avec threadline account add.</translation>
    </message>
    <message>
        <source>Usage: threadline [COMMAND] [--profile DIR]

Without a command, opens the Threadline window.

Commands:
  sync --once             fetch new mail once, print a summary, exit
  doctor                  check the account&apos;s connections step by step
  account add …           set up the mail account without the wizard:
      --email ADDRESS [--name NAME] --password-stdin
      --imap-host HOST --imap-port PORT --imap-security tls|starttls
      --smtp-host HOST --smtp-port PORT --smtp-security tls|starttls
      [--imap-user USER] [--smtp-user USER] [--ca-file PEM]
      [--history-days N] [--dropbox ADDRESS]
    The IMAP sign-in is checked first; the password goes to the keychain.
  import FILE.json        import cards (leads, contacts, deals)
  export --format json    write cards, mail, threads and links to stdout
                          (or to --output FILE)

Options:
  --profile DIR           use the profile (database and settings) in DIR
                          instead of ~/.local/share/threadline
  --help, --version
</source>
        <translation>Usage : threadline [COMMANDE] [--profile DOSSIER]

Sans commande, ouvre la fenêtre de Threadline.

Commandes :
  sync --once             relève le courrier une fois, affiche un résumé, quitte
  doctor                  vérifie les connexions du compte pas à pas
  account add …           configure le compte de messagerie sans l’assistant :
      --email ADRESSE [--name NOM] --password-stdin
      --imap-host HÔTE --imap-port PORT --imap-security tls|starttls
      --smtp-host HÔTE --smtp-port PORT --smtp-security tls|starttls
      [--imap-user UTILISATEUR] [--smtp-user UTILISATEUR] [--ca-file PEM]
      [--history-days N] [--dropbox ADRESSE]
    La connexion IMAP est vérifiée d’abord ; le mot de passe va dans le trousseau.
  import FICHIER.json     importe des fiches (prospects, contacts, affaires)
  export --format json    écrit fiches, messages, fils et liens sur la sortie
                          (ou dans --output FICHIER)

Options :
  --profile DOSSIER       utilise le profil (base et réglages) de DOSSIER
                          au lieu de ~/.local/share/threadline
  --help, --version
</translation>
    </message>
</context>
<context>
    <name>threadline::cli::CommandRunner</name>
    <message>
        <source>the connection checklist (account setup wizard)</source>
        <translation>la vérification des connexions (assistant de configuration)</translation>
    </message>
    <message>
        <source>threadline %1: not available in this version yet — %2 has not been built.</source>
        <translation>threadline %1 : pas encore disponible dans cette version — %2 n’est pas encore réalisée.</translation>
    </message>
    <message>
        <source>Usage: threadline import FILE.json [--profile DIR]</source>
        <translation>Usage : threadline import FICHIER.json [--profile DOSSIER]</translation>
    </message>
    <message>
        <source>threadline import: only Threadline&apos;s JSON card files can be imported in this version; CSV and vCard import have not been built yet.</source>
        <translation>threadline import : cette version n’importe que les fichiers de fiches JSON de Threadline ; l’import CSV et vCard n’est pas encore réalisé.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Impossible de lire %1 : %2</translation>
    </message>
    <message>
        <source>Cannot create the profile folder %1.</source>
        <translation>Impossible de créer le dossier de profil %1.</translation>
    </message>
    <message>
        <source>Cannot open the database: %1</source>
        <translation>Impossible d’ouvrir la base de données : %1</translation>
    </message>
    <message>
        <source>Nothing was imported: %1</source>
        <translation>Rien n’a été importé : %1</translation>
    </message>
    <message>
        <source>Imported %1 leads, %2 contacts and %3 deals into %4.</source>
        <translation>%1 prospects, %2 contacts et %3 affaires importés dans %4.</translation>
    </message>
    <message>
        <source>Usage: threadline export --format json [--output FILE] [--profile DIR]</source>
        <translation>Usage : threadline export --format json [--output FICHIER] [--profile DOSSIER]</translation>
    </message>
    <message>
        <source>There is no Threadline profile in %1.</source>
        <translation>Il n’y a pas de profil Threadline dans %1.</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>L’export a échoué : %1</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d’écrire %1 : %2</translation>
    </message>
</context>
<context>
    <name>threadline::cli::SyncCommand</name>
    <message>
        <source>fetched %1 messages (%2 new, %3 already known): linked %4, untracked %5</source>
        <translation>%1 messages relevés (%2 nouveaux, %3 déjà connus) : %4 liés, %5 non suivis</translation>
    </message>
    <message>
        <source>; skipped %1</source>
        <translation> ; %1 ignorés</translation>
    </message>
    <message>
        <source>; expunged %1; flag changes %2</source>
        <translation> ; %1 supprimés ; %2 changements d’indicateurs</translation>
    </message>
    <message>
        <source>Usage: threadline sync --once [--profile DIR] (the window keeps mail in sync continuously)</source>
        <translation>Usage : threadline sync --once [--profile DOSSIER] (la fenêtre garde le courrier synchronisé en continu)</translation>
    </message>
    <message>
        <source>threadline sync: the profile %1 has no mail account yet. Add it with threadline account add (see --help).</source>
        <translation>threadline sync : le profil %1 n’a pas encore de compte de messagerie. Ajoutez-le avec threadline account add (voir --help).</translation>
    </message>
    <message>
        <source>threadline sync: the account settings in %1 are incomplete.</source>
        <translation>threadline sync : les réglages du compte dans %1 sont incomplets.</translation>
    </message>
    <message>
        <source>No password for %1 in the keychain: run threadline account add again.</source>
        <translation>Aucun mot de passe pour %1 dans le trousseau : relancez threadline account add.</translation>
    </message>
    <message>
        <source>Cannot create the profile folder %1.</source>
        <translation>Impossible de créer le dossier de profil %1.</translation>
    </message>
    <message>
        <source>Syncing %1 (%2:%3)</source>
        <translation>Synchronisation de %1 (%2:%3)</translation>
    </message>
    <message>
        <source>warning: </source>
        <translation>attention : </translation>
    </message>
    <message>
        <source>Kept what was committed before the failure: %1.</source>
        <translation>Conservé ce qui était enregistré avant l’échec : %1.</translation>
    </message>
    <message>
        <source>Done in %1 s (connecting and signing in %2 s, syncing %3 s): %4.</source>
        <translation>Terminé en %1 s (connexion et identification %2 s, synchronisation %3 s) : %4.</translation>
    </message>
</context>
<context>
    <name>threadline::imap::ImapSession</name>
    <message>
        <source>No answer from %1 within %2 seconds.</source>
        <translation>Pas de réponse de %1 en %2 secondes.</translation>
    </message>
    <message>
        <source>The server stopped answering for %1 seconds.</source>
        <translation>Le serveur ne répond plus depuis %1 secondes.</translation>
    </message>
    <message>
        <source>Already connected.</source>
        <translation>Déjà connecté.</translation>
    </message>
    <message>
        <source>The connection is not encrypted.</source>
        <translation>La connexion n’est pas chiffrée.</translation>
    </message>
    <message>
        <source>Logged out.</source>
        <translation>Déconnecté.</translation>
    </message>
    <message>
        <source>The connection was closed by Threadline.</source>
        <translation>La connexion a été fermée par Threadline.</translation>
    </message>
    <message>
        <source>The server does not support ENABLE.</source>
        <translation>Le serveur ne prend pas en charge ENABLE.</translation>
    </message>
    <message>
        <source>The server sent no STATUS data.</source>
        <translation>Le serveur n’a envoyé aucune donnée STATUS.</translation>
    </message>
    <message>
        <source>UID FETCH of an empty set.</source>
        <translation>UID FETCH d’un ensemble vide.</translation>
    </message>
    <message>
        <source>The server does not support CONDSTORE.</source>
        <translation>Le serveur ne prend pas en charge CONDSTORE.</translation>
    </message>
    <message>
        <source>The server does not support IDLE.</source>
        <translation>Le serveur ne prend pas en charge IDLE.</translation>
    </message>
    <message>
        <source>IDLE is already running.</source>
        <translation>IDLE est déjà en cours.</translation>
    </message>
    <message>
        <source>The server signed in without TLS (PREAUTH); Threadline refuses to continue unencrypted.</source>
        <translation>Le serveur a ouvert la session sans TLS (PREAUTH) ; Threadline refuse de continuer sans chiffrement.</translation>
    </message>
    <message>
        <source>The server does not offer STARTTLS.</source>
        <translation>Le serveur ne propose pas STARTTLS.</translation>
    </message>
    <message>
        <source>The server accepts no password sign-in Threadline supports.</source>
        <translation>Le serveur n’accepte aucune identification par mot de passe que Threadline prenne en charge.</translation>
    </message>
    <message>
        <source>The server does not accept OAuth2 sign-in.</source>
        <translation>Le serveur n’accepte pas l’identification OAuth2.</translation>
    </message>
    <message>
        <source>Unreadable answer from the server: %1</source>
        <translation>Réponse illisible du serveur : %1</translation>
    </message>
    <message>
        <source>The server answered a command that was never sent (%1).</source>
        <translation>Le serveur a répondu à une commande jamais envoyée (%1).</translation>
    </message>
    <message>
        <source>The server closed the connection.</source>
        <translation>Le serveur a fermé la connexion.</translation>
    </message>
    <message>
        <source>Not possible in this state of the session.</source>
        <translation>Impossible dans cet état de la session.</translation>
    </message>
    <message>
        <source>Not connected.</source>
        <translation>Non connecté.</translation>
    </message>
</context>
<context>
    <name>threadline::imap::TcpImapSocket</name>
    <message>
        <source>TLS is not available on this system.</source>
        <translation>TLS n’est pas disponible sur ce système.</translation>
    </message>
    <message>
        <source>The connection could not be set up: %1</source>
        <translation>La connexion n’a pas pu être établie : %1</translation>
    </message>
</context>
<context>
    <name>threadline::net::ErrorCatalog</name>
    <message>
        <source>Server not reachable</source>
        <translation>Serveur injoignable</translation>
    </message>
    <message>
        <source>The server name could not be found or nothing answered on that port.</source>
        <translation>Le nom du serveur est introuvable, ou rien ne répond sur ce port.</translation>
    </message>
    <message>
        <source>Check the server name and port, and that this computer is online.</source>
        <translation>Vérifiez le nom du serveur et le port, et que cet ordinateur est connecté.</translation>
    </message>
    <message>
        <source>The server did not answer in time</source>
        <translation>Le serveur n’a pas répondu à temps</translation>
    </message>
    <message>
        <source>A connection was started but the server stayed silent.</source>
        <translation>La connexion a commencé, mais le serveur est resté muet.</translation>
    </message>
    <message>
        <source>Try again later; if it persists, check the port and any firewall.</source>
        <translation>Réessayez plus tard ; si cela persiste, vérifiez le port et le pare-feu.</translation>
    </message>
    <message>
        <source>Connection lost</source>
        <translation>Connexion perdue</translation>
    </message>
    <message>
        <source>The connection to the server broke off. Nothing was lost: Threadline resumes where it stopped.</source>
        <translation>La connexion au serveur s’est interrompue. Rien n’est perdu : Threadline reprend là où il s’était arrêté.</translation>
    </message>
    <message>
        <source>Threadline retries by itself; check the network if it keeps happening.</source>
        <translation>Threadline réessaie de lui-même ; vérifiez le réseau si cela se répète.</translation>
    </message>
    <message>
        <source>The server&apos;s answer made no sense</source>
        <translation>La réponse du serveur est incompréhensible</translation>
    </message>
    <message>
        <source>Threadline reached the server, but it did not answer as a mail server should.</source>
        <translation>Threadline a joint le serveur, mais celui-ci ne répond pas comme un serveur de messagerie.</translation>
    </message>
    <message>
        <source>Check the port number and the security setting (TLS or STARTTLS).</source>
        <translation>Vérifiez le numéro de port et le réglage de sécurité (TLS ou STARTTLS).</translation>
    </message>
    <message>
        <source>A different service answers on this port</source>
        <translation>Un autre service répond sur ce port</translation>
    </message>
    <message>
        <source>The port belongs to another kind of server, for example sending (SMTP) instead of receiving (IMAP).</source>
        <translation>Ce port appartient à un autre type de serveur, par exemple l’envoi (SMTP) au lieu de la réception (IMAP).</translation>
    </message>
    <message>
        <source>Use the IMAP port (usually 993) for receiving and the submission port (465 or 587) for sending.</source>
        <translation>Utilisez le port IMAP (souvent 993) pour recevoir et le port de soumission (465 ou 587) pour envoyer.</translation>
    </message>
    <message>
        <source>This is a POP3 server</source>
        <translation>C’est un serveur POP3</translation>
    </message>
    <message>
        <source>Threadline needs IMAP to keep your mail on the server; POP3 is not supported.</source>
        <translation>Threadline a besoin d’IMAP pour garder votre courrier sur le serveur ; POP3 n’est pas pris en charge.</translation>
    </message>
    <message>
        <source>Ask your provider for the IMAP server name, or enable IMAP in your mailbox settings.</source>
        <translation>Demandez le nom du serveur IMAP à votre fournisseur, ou activez IMAP dans les réglages de votre boîte.</translation>
    </message>
    <message>
        <source>The server offers no encryption</source>
        <translation>Le serveur ne propose aucun chiffrement</translation>
    </message>
    <message>
        <source>Threadline never sends your password over an unencrypted connection.</source>
        <translation>Threadline n’envoie jamais votre mot de passe sur une connexion non chiffrée.</translation>
    </message>
    <message>
        <source>Choose TLS on port 993 (or 465 for sending), or ask your provider.</source>
        <translation>Choisissez TLS sur le port 993 (ou 465 pour l’envoi), ou demandez à votre fournisseur.</translation>
    </message>
    <message>
        <source>STARTTLS is not offered</source>
        <translation>STARTTLS n’est pas proposé</translation>
    </message>
    <message>
        <source>The connection was set to STARTTLS, but the server does not offer it, so Threadline did not sign in.</source>
        <translation>La connexion est réglée sur STARTTLS, mais le serveur ne le propose pas : Threadline ne s’est donc pas identifié.</translation>
    </message>
    <message>
        <source>Choose TLS (port 993 or 465) instead of STARTTLS.</source>
        <translation>Choisissez TLS (port 993 ou 465) au lieu de STARTTLS.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted</source>
        <translation>Le certificat du serveur n’est pas reconnu</translation>
    </message>
    <message>
        <source>The certificate was not issued by an authority this computer trusts. Someone may be intercepting the connection, or the server uses a self-made certificate.</source>
        <translation>Le certificat n’a pas été délivré par une autorité reconnue par cet ordinateur. Quelqu’un intercepte peut-être la connexion, ou le serveur utilise un certificat fait maison.</translation>
    </message>
    <message>
        <source>Check the certificate&apos;s details with your provider; trust it only if its fingerprint matches.</source>
        <translation>Vérifiez les détails du certificat auprès de votre fournisseur ; ne l’acceptez que si son empreinte correspond.</translation>
    </message>
    <message>
        <source>The certificate is for a different server</source>
        <translation>Le certificat est celui d’un autre serveur</translation>
    </message>
    <message>
        <source>The server presented a certificate for another name.</source>
        <translation>Le serveur a présenté un certificat établi pour un autre nom.</translation>
    </message>
    <message>
        <source>Use the server name written in your provider&apos;s instructions.</source>
        <translation>Utilisez le nom de serveur indiqué dans les instructions de votre fournisseur.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate has expired</source>
        <translation>Le certificat du serveur a expiré</translation>
    </message>
    <message>
        <source>The certificate is no longer valid, or this computer&apos;s clock is wrong.</source>
        <translation>Le certificat n’est plus valide, ou l’horloge de cet ordinateur est fausse.</translation>
    </message>
    <message>
        <source>Check the date and time of this computer, then tell your provider.</source>
        <translation>Vérifiez la date et l’heure de cet ordinateur, puis prévenez votre fournisseur.</translation>
    </message>
    <message>
        <source>Encryption could not be set up</source>
        <translation>Le chiffrement n’a pas pu être établi</translation>
    </message>
    <message>
        <source>The server and Threadline could not agree on a secure connection.</source>
        <translation>Le serveur et Threadline ne sont pas parvenus à établir une connexion sécurisée.</translation>
    </message>
    <message>
        <source>Check the port and security setting; the server may be too old.</source>
        <translation>Vérifiez le port et le réglage de sécurité ; le serveur est peut-être trop ancien.</translation>
    </message>
    <message>
        <source>Sign-in refused</source>
        <translation>Identification refusée</translation>
    </message>
    <message>
        <source>The server rejected the user name or password.</source>
        <translation>Le serveur a refusé le nom d’utilisateur ou le mot de passe.</translation>
    </message>
    <message>
        <source>Check the password. Many providers require an app password when two-step verification is on; for Google and Microsoft accounts, use &quot;Sign in with Google / Microsoft&quot; instead.</source>
        <translation>Vérifiez le mot de passe. Beaucoup de fournisseurs exigent un mot de passe d’application quand la validation en deux étapes est active ; pour les comptes Google et Microsoft, utilisez plutôt « Se connecter avec Google / Microsoft ».</translation>
    </message>
    <message>
        <source>No Sent folder found</source>
        <translation>Aucun dossier Envoyés trouvé</translation>
    </message>
    <message>
        <source>Threadline syncs your INBOX and your Sent folder, and could not tell which folder holds sent mail.</source>
        <translation>Threadline synchronise votre boîte de réception et votre dossier Envoyés, et n’a pas pu déterminer quel dossier contient le courrier envoyé.</translation>
    </message>
    <message>
        <source>Choose the Sent folder in the account settings.</source>
        <translation>Choisissez le dossier Envoyés dans les réglages du compte.</translation>
    </message>
    <message>
        <source>Daily sending limit reached</source>
        <translation>Limite d’envoi quotidienne atteinte</translation>
    </message>
    <message>
        <source>You have sent as many messages today as the limit allows. The message waits in the outbox.</source>
        <translation>Vous avez envoyé aujourd’hui autant de messages que la limite le permet. Le message attend dans la boîte d’envoi.</translation>
    </message>
    <message>
        <source>It is sent tomorrow, or raise the limit in the settings if your provider allows more.</source>
        <translation>Il partira demain ; vous pouvez aussi relever la limite dans les réglages si votre fournisseur le permet.</translation>
    </message>
    <message>
        <source>Recipient refused</source>
        <translation>Destinataire refusé</translation>
    </message>
    <message>
        <source>The server refused one of the recipients&apos; addresses. The message stays in the outbox.</source>
        <translation>Le serveur a refusé l’adresse d’un des destinataires. Le message reste dans la boîte d’envoi.</translation>
    </message>
    <message>
        <source>Check the address for typos, then send again.</source>
        <translation>Vérifiez l’orthographe de l’adresse, puis renvoyez.</translation>
    </message>
    <message>
        <source>The keychain is not available</source>
        <translation>Le trousseau n’est pas disponible</translation>
    </message>
    <message>
        <source>Threadline keeps passwords only in the system keychain (Secret Service), and none answered.</source>
        <translation>Threadline ne garde les mots de passe que dans le trousseau du système (Secret Service), et aucun n’a répondu.</translation>
    </message>
    <message>
        <source>Start your desktop&apos;s keyring (GNOME Keyring or KWallet) and unlock it.</source>
        <translation>Démarrez le trousseau de votre bureau (GNOME Keyring ou KWallet) et déverrouillez-le.</translation>
    </message>
    <message>
        <source>Cannot write to the database</source>
        <translation>Impossible d’écrire dans la base de données</translation>
    </message>
    <message>
        <source>Threadline could not save to its database on this computer.</source>
        <translation>Threadline n’a pas pu enregistrer dans sa base de données sur cet ordinateur.</translation>
    </message>
    <message>
        <source>Check free disk space and that the profile folder is writable.</source>
        <translation>Vérifiez l’espace disque libre et que le dossier du profil est accessible en écriture.</translation>
    </message>
    <message>
        <source>Error %1 — %2: %3 What to do: %4</source>
        <translation>Erreur %1 — %2 : %3 Que faire : %4</translation>
    </message>
    <message>
        <source>(Details: %1)</source>
        <translation>(Détails : %1)</translation>
    </message>
    <message>
        <source>The message is no longer on the server</source>
        <translation>Le message n’est plus sur le serveur</translation>
    </message>
    <message>
        <source>It was deleted or moved to another folder, perhaps from another mail program or device, or the server reset its folder.</source>
        <translation>Il a été supprimé ou déplacé dans un autre dossier, peut-être depuis un autre logiciel de messagerie ou un autre appareil, ou bien le serveur a réinitialisé son dossier.</translation>
    </message>
    <message>
        <source>Sync now to bring the card up to date; if the message is still listed, open the attachment again.</source>
        <translation>Synchronisez maintenant pour mettre la fiche à jour ; si le message est toujours affiché, ouvrez de nouveau la pièce jointe.</translation>
    </message>
    <message>
        <source>Attachment not found</source>
        <translation>Pièce jointe introuvable</translation>
    </message>
    <message>
        <source>The server&apos;s copy of the message does not contain this attachment.</source>
        <translation>La copie du message sur le serveur ne contient pas cette pièce jointe.</translation>
    </message>
    <message>
        <source>Sync now, then try again; if it keeps failing, open the message in your provider&apos;s webmail.</source>
        <translation>Synchronisez maintenant, puis réessayez ; si l’échec persiste, ouvrez le message dans le webmail de votre fournisseur.</translation>
    </message>
</context>
<context>
    <name>threadline::sync::SyncWorker</name>
    <message>
        <source>The server signed out.</source>
        <translation>Le serveur a mis fin à la session.</translation>
    </message>
</context>
<context>
    <name>threadline::ui::AddCardDialog</name>
    <message>
        <source>Add as lead</source>
        <translation>Ajouter comme prospect</translation>
    </message>
    <message>
        <source>Add as contact</source>
        <translation>Ajouter comme contact</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom :</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>&amp;E-mail :</translation>
    </message>
    <message>
        <source>&amp;Company:</source>
        <translation>&amp;Entreprise :</translation>
    </message>
    <message>
        <source>&amp;Organisation:</source>
        <translation>&amp;Organisation :</translation>
    </message>
    <message>
        <source>Create lead</source>
        <translation>Créer le prospect</translation>
    </message>
    <message>
        <source>Create contact</source>
        <translation>Créer le contact</translation>
    </message>
    <message>
        <source>The new card gets this correspondent&apos;s stored mail at once, and their future mail.</source>
        <translation>La nouvelle fiche reçoit tout de suite le courrier déjà enregistré de ce correspondant, puis son courrier à venir.</translation>
    </message>
    <message>
        <source>A card needs a name.</source>
        <translation>Une fiche doit avoir un nom.</translation>
    </message>
    <message>
        <source>“%1” is not an email address.</source>
        <translation>« %1 » n’est pas une adresse e-mail.</translation>
    </message>
</context>
<context>
    <name>threadline::ui::AttachEmailDialog</name>
    <message>
        <source>Attach email to “%1”</source>
        <translation>Rattacher des e-mails à « %1 »</translation>
    </message>
    <message>
        <source>&amp;Find mail by its words, sender or subject:</source>
        <translation>&amp;Chercher des e-mails par leurs mots, leur expéditeur ou leur objet :</translation>
    </message>
    <message>
        <source>Search all stored mail</source>
        <translation>Chercher dans tous les e-mails enregistrés</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Objet</translation>
    </message>
    <message>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texte</translation>
    </message>
    <message>
        <source>Shown on</source>
        <translation>Affiché sur</translation>
    </message>
    <message>
        <source>&amp;More results</source>
        <translation>&amp;Plus de résultats</translation>
    </message>
    <message>
        <source>&amp;Attach</source>
        <translation>&amp;Rattacher</translation>
    </message>
    <message>
        <source>The mail could not be read: %1</source>
        <translation>Les e-mails n’ont pas pu être lus : %1</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n message</numerusform>
            <numerusform>%n messages</numerusform>
        </translation>
    </message>
    <message>
        <source>No untracked mail.</source>
        <translation>Aucun e-mail non suivi.</translation>
    </message>
    <message>
        <source>Newest untracked threads.</source>
        <translation>Conversations non suivies les plus récentes.</translation>
    </message>
    <message>
        <source>The search failed: %1</source>
        <translation>La recherche a échoué : %1</translation>
    </message>
    <message>
        <source>No stored mail matches “%1”.</source>
        <translation>Aucun e-mail enregistré ne correspond à « %1 ».</translation>
    </message>
    <message numerus="yes">
        <source>%n thread(s) found.</source>
        <translation>
            <numerusform>%n conversation trouvée.</numerusform>
            <numerusform>%n conversations trouvées.</numerusform>
        </translation>
    </message>
    <message>
        <source>Untracked</source>
        <translation>Non suivi</translation>
    </message>
    <message>
        <source>Already on this card</source>
        <translation>Déjà sur cette fiche</translation>
    </message>
    <message>
        <source>(no subject)</source>
        <translation>(sans objet)</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Attach %n threads</source>
        <translation>
            <numerusform>&amp;Rattacher %n conversation</numerusform>
            <numerusform>&amp;Rattacher %n conversations</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>threadline::ui::CardForm</name>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Type :</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom :</translation>
    </message>
    <message>
        <source>C&amp;ompany:</source>
        <translation>&amp;Entreprise :</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Fonction :</translation>
    </message>
    <message>
        <source>name@example.com, other@example.com</source>
        <translation>nom@exemple.fr, autre@exemple.fr</translation>
    </message>
    <message>
        <source>Mail to or from these addresses appears on the card.</source>
        <translation>Les e-mails envoyés à ces adresses ou reçus d’elles apparaissent sur la fiche.</translation>
    </message>
    <message>
        <source>&amp;Emails:</source>
        <translation>E-&amp;mails :</translation>
    </message>
    <message>
        <source>Separate numbers with commas</source>
        <translation>Séparez les numéros par des virgules</translation>
    </message>
    <message>
        <source>&amp;Phones:</source>
        <translation>Télé&amp;phones :</translation>
    </message>
    <message>
        <source>Stat&amp;us:</source>
        <translation>Stat&amp;ut :</translation>
    </message>
    <message>
        <source>Trade fair, website, referral…</source>
        <translation>Salon, site web, recommandation…</translation>
    </message>
    <message>
        <source>Sou&amp;rce:</source>
        <translation>O&amp;rigine :</translation>
    </message>
    <message>
        <source>Add&amp;ress:</source>
        <translation>Add&amp;resse :</translation>
    </message>
    <message>
        <source>Double-click a contact to open it.</source>
        <translation>Double-cliquez sur un contact pour l’ouvrir.</translation>
    </message>
    <message>
        <source>Type a contact&apos;s name</source>
        <translation>Tapez le nom d’un contact</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Con&amp;tacts:</source>
        <translation>Con&amp;tacts :</translation>
    </message>
    <message>
        <source>Sta&amp;ge:</source>
        <translation>Éta&amp;pe :</translation>
    </message>
    <message>
        <source>12500.00</source>
        <translation>12500,00</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Devise</translation>
    </message>
    <message>
        <source>&amp;Value:</source>
        <translation>&amp;Montant :</translation>
    </message>
    <message>
        <source>Set</source>
        <translation>Définie</translation>
    </message>
    <message>
        <source>Has an expected close date</source>
        <translation>A une date de conclusion prévue</translation>
    </message>
    <message>
        <source>E&amp;xpected close:</source>
        <translation>Conclusion pré&amp;vue :</translation>
    </message>
    <message>
        <source>Organisati&amp;on:</source>
        <translation>Organisati&amp;on :</translation>
    </message>
    <message>
        <source>Contact #%1</source>
        <translation>Contact n° %1</translation>
    </message>
</context>
<context>
    <name>threadline::ui::CardPickerDialog</name>
    <message>
        <source>Attach to card</source>
        <translation>Rattacher à une fiche</translation>
    </message>
    <message>
        <source>Name, company or address…</source>
        <translation>Nom, entreprise ou adresse…</translation>
    </message>
    <message>
        <source>Attach</source>
        <translation>Rattacher</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <extracomment>%1 card name, %2 its kind (Lead, Contact, Deal)</extracomment>
        <translation>%1 — %2</translation>
    </message>
</context>
<context>
    <name>threadline::ui::CardTableModel</name>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Société</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Étape</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Montant</translation>
    </message>
    <message>
        <source>Expected close</source>
        <translation>Conclusion prévue</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>Conversations</translation>
    </message>
    <message>
        <source>Last email</source>
        <translation>Dernier e-mail</translation>
    </message>
    <message>
        <source>Converted</source>
        <translation>Converti</translation>
    </message>
</context>
<context>
    <name>threadline::ui::CardView</name>
    <message>
        <source>New lead</source>
        <translation>Nouveau prospect</translation>
    </message>
    <message>
        <source>New contact</source>
        <translation>Nouveau contact</translation>
    </message>
    <message>
        <source>New deal</source>
        <translation>Nouvelle affaire</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <source>Save the card (%1)</source>
        <translation>Enregistrer la fiche (%1)</translation>
    </message>
    <message>
        <source>Re&amp;vert</source>
        <translation>Ann&amp;uler</translation>
    </message>
    <message>
        <source>Undo the changes not saved yet</source>
        <translation>Annuler les modifications non enregistrées</translation>
    </message>
    <message>
        <source>&amp;Delete card…</source>
        <translation>&amp;Supprimer la fiche…</translation>
    </message>
    <message>
        <source>Convert to &amp;contact…</source>
        <translation>Convertir en &amp;contact…</translation>
    </message>
    <message>
        <source>Make this lead a contact, optionally with a deal; its mail moves along.</source>
        <translation>Faire de ce prospect un contact, avec une affaire si vous le souhaitez ; ses e-mails le suivent.</translation>
    </message>
    <message>
        <source>Attach e&amp;mail…</source>
        <translation>Rattacher des e-&amp;mails…</translation>
    </message>
    <message>
        <source>Find stored mail, tracked or not, and attach it to this card</source>
        <translation>Chercher des e-mails enregistrés, suivis ou non, et les rattacher à cette fiche</translation>
    </message>
    <message>
        <source>Detac&amp;h</source>
        <translation>Déta&amp;cher</translation>
    </message>
    <message>
        <source>Take the selected threads off this card; later replies stay off it (Del)</source>
        <translation>Retirer les conversations choisies de cette fiche ; les réponses suivantes n’y reviendront pas (Suppr)</translation>
    </message>
    <message>
        <source>Re-&amp;attach</source>
        <translation>Re&amp;mettre</translation>
    </message>
    <message>
        <source>Put the selected threads back on this card (Ins)</source>
        <translation>Remettre les conversations choisies sur cette fiche (Inser)</translation>
    </message>
    <message>
        <source>&amp;Open thread</source>
        <translation>&amp;Ouvrir la conversation</translation>
    </message>
    <message>
        <source>Open contact</source>
        <translation>Ouvrir le contact</translation>
    </message>
    <message>
        <source>Threads shown on the card, and threads detached from it</source>
        <translation>Conversations affichées sur la fiche, et conversations détachées</translation>
    </message>
    <message>
        <source>Email threads of the card</source>
        <translation>Conversations de la fiche</translation>
    </message>
    <message>
        <source>The mail of this card could not be read: %1</source>
        <translation>Les e-mails de cette fiche n’ont pas pu être lus : %1</translation>
    </message>
    <message>
        <source>The thread could not be read: %1</source>
        <translation>La conversation n’a pas pu être lue : %1</translation>
    </message>
    <message>
        <source>No card selected.</source>
        <translation>Aucune fiche choisie.</translation>
    </message>
    <message>
        <source>the card could not be read</source>
        <translation>la fiche n’a pas pu être lue</translation>
    </message>
    <message>
        <source>This card no longer exists.</source>
        <translation>Cette fiche n’existe plus.</translation>
    </message>
    <message>
        <source>The card could not be read: %1</source>
        <translation>La fiche n’a pas pu être lue : %1</translation>
    </message>
    <message>
        <source>(deleted contact)</source>
        <translation>(contact supprimé)</translation>
    </message>
    <message>
        <source>This lead was converted to the contact “%1”; its mail is there now.</source>
        <translation>Ce prospect a été converti en contact « %1 » ; ses e-mails s’y trouvent désormais.</translation>
    </message>
    <message>
        <source>Save the deal, then attach its mail with “Attach email…”.</source>
        <translation>Enregistrez l’affaire, puis rattachez-lui ses e-mails avec « Rattacher des e-mails… ».</translation>
    </message>
    <message>
        <source>Save the card: the mail stored for its addresses appears here.</source>
        <translation>Enregistrez la fiche : les e-mails enregistrés pour ses adresses apparaîtront ici.</translation>
    </message>
    <message>
        <source>On the card (%1)</source>
        <translation>Sur la fiche (%1)</translation>
    </message>
    <message>
        <source>Detached (%1)</source>
        <translation>Détachées (%1)</translation>
    </message>
    <message>
        <source>Threads taken off this card: later replies stay off it too.</source>
        <translation>Conversations retirées de cette fiche : les réponses suivantes n’y reviennent pas non plus.</translation>
    </message>
    <message>
        <source>The card was not saved: check the marked fields.</source>
        <translation>La fiche n’a pas été enregistrée : vérifiez les champs signalés.</translation>
    </message>
    <message>
        <source>The card could not be saved: %1</source>
        <translation>La fiche n’a pas pu être enregistrée : %1</translation>
    </message>
    <message numerus="yes">
        <source>Saved; %n thread(s) of its mail changed.</source>
        <translation>
            <numerusform>Enregistrée ; %n conversation de ses e-mails a changé.</numerusform>
            <numerusform>Enregistrée ; %n conversations de ses e-mails ont changé.</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Enregistrée.</translation>
    </message>
    <message>
        <source>Delete card</source>
        <translation>Supprimer la fiche</translation>
    </message>
    <message>
        <source>Its mail stays stored: threads no other card shows become untracked. This cannot be undone.</source>
        <translation>Ses e-mails restent enregistrés : les conversations qu’aucune autre fiche n’affiche deviennent non suivies. Cette action est définitive.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>The card could not be deleted: %1</source>
        <translation>La fiche n’a pas pu être supprimée : %1</translation>
    </message>
    <message>
        <source>The card was deleted.</source>
        <translation>La fiche a été supprimée.</translation>
    </message>
    <message>
        <source>The lead could not be converted: %1</source>
        <translation>Le prospect n’a pas pu être converti : %1</translation>
    </message>
    <message>
        <source>The lead is now this contact, with a new deal.</source>
        <translation>Le prospect est désormais ce contact, avec une nouvelle affaire.</translation>
    </message>
    <message>
        <source>The lead is now this contact.</source>
        <translation>Le prospect est désormais ce contact.</translation>
    </message>
    <message>
        <source>The change could not be saved: %1</source>
        <translation>La modification n’a pas pu être enregistrée : %1</translation>
    </message>
    <message>
        <source>The change could not be saved.</source>
        <translation>La modification n’a pas pu être enregistrée.</translation>
    </message>
    <message numerus="yes">
        <source>%n thread(s) attached to this card.</source>
        <translation>
            <numerusform>%n conversation rattachée à cette fiche.</numerusform>
            <numerusform>%n conversations rattachées à cette fiche.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n thread(s) detached: later replies stay off this card. They are listed under “Detached”, where one click re-attaches them.</source>
        <translation>
            <numerusform>%n conversation détachée : les réponses suivantes ne reviendront pas sur cette fiche. Elle figure sous « Détachées », où un clic la remet.</numerusform>
            <numerusform>%n conversations détachées : les réponses suivantes ne reviendront pas sur cette fiche. Elles figurent sous « Détachées », où un clic les remet.</numerusform>
        </translation>
    </message>
    <message>
        <source>The message is on this card again.</source>
        <translation>Le message est de nouveau sur cette fiche.</translation>
    </message>
    <message>
        <source>The message was detached from this card; the rest of the thread stays.</source>
        <translation>Le message a été détaché de cette fiche ; le reste de la conversation y reste.</translation>
    </message>
    <message>
        <source>Delete the lead “%1”?</source>
        <translation>Supprimer le prospect « %1 » ?</translation>
    </message>
    <message>
        <source>Delete the contact “%1”?</source>
        <translation>Supprimer le contact « %1 » ?</translation>
    </message>
    <message>
        <source>Delete the deal “%1”?</source>
        <translation>Supprimer l’affaire « %1 » ?</translation>
    </message>
</context>
<context>
    <name>threadline::ui::ConvertLeadDialog</name>
    <message>
        <source>Convert “%1” to a contact</source>
        <translation>Convertir « %1 » en contact</translation>
    </message>
    <message>
        <source>The lead becomes a contact with its addresses and phones; its mail moves along, detached threads included.</source>
        <translation>Le prospect devient un contact avec ses adresses et téléphones ; ses e-mails le suivent, conversations détachées comprises.</translation>
    </message>
    <message>
        <source>Also create a &amp;deal</source>
        <translation>Créer aussi une &amp;affaire</translation>
    </message>
    <message>
        <source>12500.00</source>
        <translation>12500,00</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Devise</translation>
    </message>
    <message>
        <source>Deal &amp;name:</source>
        <translation>&amp;Nom de l’affaire :</translation>
    </message>
    <message>
        <source>&amp;Stage:</source>
        <translation>Éta&amp;pe :</translation>
    </message>
    <message>
        <source>&amp;Value:</source>
        <translation>&amp;Montant :</translation>
    </message>
    <message>
        <source>Contact n&amp;ame:</source>
        <translation>Nom du c&amp;ontact :</translation>
    </message>
    <message>
        <source>&amp;Organisation:</source>
        <translation>Organi&amp;sation :</translation>
    </message>
    <message>
        <source>&amp;Convert</source>
        <translation>&amp;Convertir</translation>
    </message>
    <message>
        <source>Contact: %1</source>
        <translation>Contact : %1</translation>
    </message>
    <message>
        <source>Deal: %1</source>
        <translation>Affaire : %1</translation>
    </message>
</context>
<context>
    <name>threadline::ui::MainWindow</name>
    <message>
        <source>Threadline</source>
        <translation>Threadline</translation>
    </message>
    <message>
        <source>Filter cards…</source>
        <translation>Filtrer les fiches…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>&amp;About Threadline</source>
        <translation>À &amp;propos de Threadline</translation>
    </message>
    <message>
        <source>About Threadline</source>
        <translation>À propos de Threadline</translation>
    </message>
    <message>
        <source>Threadline %1 — your leads, contacts and deals with their email, on your own computer.</source>
        <translation>Threadline %1 — vos prospects, contacts et affaires avec leurs messages, sur votre propre ordinateur.</translation>
    </message>
    <message>
        <source>Profile: %1</source>
        <translation>Profil : %1</translation>
    </message>
    <message>
        <source>Leads (%1)</source>
        <translation>Prospects (%1)</translation>
    </message>
    <message>
        <source>Contacts (%1)</source>
        <translation>Contacts (%1)</translation>
    </message>
    <message>
        <source>Deals (%1)</source>
        <translation>Affaires (%1)</translation>
    </message>
    <message>
        <source>The cards could not be read: %1</source>
        <translation>Impossible de lire les fiches : %1</translation>
    </message>
    <message>
        <source>Search cards and mail (%1)</source>
        <translation>Rechercher fiches et courrier (%1)</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Principale</translation>
    </message>
    <message>
        <source>&amp;New card</source>
        <translation>&amp;Nouvelle fiche</translation>
    </message>
    <message>
        <source>A new card in the current list (%1)</source>
        <translation>Une nouvelle fiche dans la liste affichée (%1)</translation>
    </message>
    <message>
        <source>&amp;Search…</source>
        <translation>&amp;Rechercher…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>&amp;Leads</source>
        <translation>&amp;Prospects</translation>
    </message>
    <message>
        <source>&amp;Contacts</source>
        <translation>&amp;Contacts</translation>
    </message>
    <message>
        <source>&amp;Deals</source>
        <translation>A&amp;ffaires</translation>
    </message>
    <message>
        <source>&amp;Untracked mail</source>
        <translation>Courrier &amp;non suivi</translation>
    </message>
    <message>
        <source>The card has changes that cannot be saved yet: fix or revert them first.</source>
        <translation>La fiche a des modifications qui ne peuvent pas encore être enregistrées : corrigez-les ou annulez-les d’abord.</translation>
    </message>
    <message>
        <source>That card no longer exists.</source>
        <translation>Cette fiche n’existe plus.</translation>
    </message>
    <message>
        <source>Untracked</source>
        <translation>Non suivi</translation>
    </message>
</context>
<context>
    <name>threadline::ui::SearchResultsView</name>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Où</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texte</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Search failed: %1</source>
        <translation>La recherche a échoué : %1</translation>
    </message>
    <message>
        <source>Show more cards…</source>
        <translation>Afficher plus de fiches…</translation>
    </message>
    <message>
        <source>Untracked</source>
        <translation>Non suivi</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>(no subject)</source>
        <translation>(sans objet)</translation>
    </message>
    <message>
        <source>From: %1</source>
        <translation>De : %1</translation>
    </message>
    <message>
        <source>Show more emails…</source>
        <translation>Afficher plus d’e-mails…</translation>
    </message>
    <message>
        <source>Cards (%1)</source>
        <translation>Fiches (%1)</translation>
    </message>
    <message>
        <source>Emails (%1)</source>
        <translation>E-mails (%1)</translation>
    </message>
    <message>
        <source>Type in the search box to find cards and mail.</source>
        <translation>Tapez dans le champ de recherche pour trouver fiches et courrier.</translation>
    </message>
    <message>
        <source>Nothing found for “%1”.</source>
        <translation>Aucun résultat pour « %1 ».</translation>
    </message>
    <message>
        <source>Results for “%1”</source>
        <translation>Résultats pour « %1 »</translation>
    </message>
</context>
<context>
    <name>threadline::ui::SyncController</name>
    <message>
        <source>Sync &amp;now</source>
        <translation>Synchroniser &amp;maintenant</translation>
    </message>
    <message>
        <source>No mail account is set up.</source>
        <translation>Aucun compte de messagerie n’est configuré.</translation>
    </message>
</context>
<context>
    <name>threadline::ui::SyncStatusWidget</name>
    <message>
        <source>No mail account set up yet</source>
        <translation>Aucun compte de messagerie configuré</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Hors ligne</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Synchronisation…</translation>
    </message>
    <message>
        <source>Up to date</source>
        <translation>À jour</translation>
    </message>
    <message>
        <source>Sync stopped</source>
        <translation>Synchronisation arrêtée</translation>
    </message>
    <message>
        <source>%1: %2 of %3</source>
        <extracomment>%1 folder name, %2 messages done, %3 messages in all</extracomment>
        <translation>%1 : %2 sur %3</translation>
    </message>
    <message>
        <source>Error %1: %2</source>
        <extracomment>%1 error number, %2 its short title</extracomment>
        <translation>Erreur %1 : %2</translation>
    </message>
    <message>
        <source>What to do: %1</source>
        <translation>Que faire : %1</translation>
    </message>
    <message>
        <source>Details: %1</source>
        <translation>Détails : %1</translation>
    </message>
    <message>
        <source>Never synced</source>
        <translation>Jamais synchronisé</translation>
    </message>
    <message>
        <source>Last sync: %1</source>
        <translation>Dernière synchronisation : %1</translation>
    </message>
</context>
<context>
    <name>threadline::ui::ThreadListModel</name>
    <message>
        <source>(no subject)</source>
        <translation>(sans objet)</translation>
    </message>
    <message>
        <source>Detached from this card; later replies stay off it.</source>
        <translation>Détachée de cette fiche ; les réponses suivantes n’y reviennent pas.</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Objet</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Participants</translation>
    </message>
    <message>
        <source>Last message</source>
        <translation>Dernier message</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Messages</translation>
    </message>
    <message>
        <source>Linked by</source>
        <translation>Liée par</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Address: %1</source>
        <translation>Adresse : %1</translation>
    </message>
    <message>
        <source>Reply chain</source>
        <translation>Fil de réponses</translation>
    </message>
    <message>
        <source>BCC dropbox</source>
        <translation>Adresse de dépôt (Cci)</translation>
    </message>
    <message>
        <source>Attached by hand</source>
        <translation>Rattachée à la main</translation>
    </message>
    <message>
        <source>%1 (some messages)</source>
        <translation>%1 (certains messages)</translation>
    </message>
</context>
<context>
    <name>threadline::ui::ThreadView</name>
    <message>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texte</translation>
    </message>
    <message>
        <source>Messages of the thread</source>
        <translation>Messages de la conversation</translation>
    </message>
    <message>
        <source>Remote images and other remote content were not loaded.</source>
        <translation>Les images et autres contenus distants n’ont pas été chargés.</translation>
    </message>
    <message>
        <source>Message text</source>
        <translation>Texte du message</translation>
    </message>
    <message>
        <source>Attachment</source>
        <translation>Pièce jointe</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>Detach &amp;message</source>
        <translation>Détacher le &amp;message</translation>
    </message>
    <message>
        <source>Take this message off the card; the rest of the thread stays.</source>
        <translation>Retirer ce message de la fiche ; le reste de la conversation y reste.</translation>
    </message>
    <message>
        <source>Re-attach m&amp;essage</source>
        <translation>Remettre le m&amp;essage</translation>
    </message>
    <message>
        <source>Open a thread to read it (double-click or Enter).</source>
        <translation>Ouvrez une conversation pour la lire (double-clic ou Entrée).</translation>
    </message>
    <message>
        <source>(no subject)</source>
        <translation>(sans objet)</translation>
    </message>
    <message>
        <source>Also on: %1</source>
        <translation>Aussi sur : %1</translation>
    </message>
    <message>
        <source>%1 (sent)</source>
        <translation>%1 (envoyé)</translation>
    </message>
    <message>
        <source>Not shown on this card (detached)</source>
        <translation>Pas affiché sur cette fiche (détaché)</translation>
    </message>
    <message>
        <source>This message is no longer stored.</source>
        <translation>Ce message n’est plus enregistré.</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>De :</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>À :</translation>
    </message>
    <message>
        <source>Cc:</source>
        <translation>Cc :</translation>
    </message>
    <message>
        <source>Bcc:</source>
        <translation>Cci :</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>Date :</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>Objet :</translation>
    </message>
    <message>
        <source>(unnamed)</source>
        <translation>(sans nom)</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Pièces jointes</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Ouvrir</translation>
    </message>
    <message>
        <source>Download the attachment from the mail server and open it (double-click or Enter).</source>
        <translation>Télécharger la pièce jointe depuis le serveur de messagerie et l’ouvrir (double-clic ou Entrée).</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>Enregistrer &amp;sous…</translation>
    </message>
    <message>
        <source>Download the attachment and save a copy where you choose.</source>
        <translation>Télécharger la pièce jointe et en enregistrer une copie à l’endroit de votre choix.</translation>
    </message>
    <message>
        <source>Save Attachment</source>
        <translation>Enregistrer la pièce jointe</translation>
    </message>
    <message>
        <source>Downloading…</source>
        <translation>Téléchargement…</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Enregistrée</translation>
    </message>
    <message>
        <source>Saved “%1” to %2.</source>
        <translation>Fichier « %1 » enregistré dans %2.</translation>
    </message>
    <message>
        <source>No program could open “%1”. Use Save As… to keep a copy and open it another way.</source>
        <translation>Aucun programme n’a pu ouvrir « %1 ». Utilisez « Enregistrer sous… » pour en garder une copie et l’ouvrir autrement.</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échec</translation>
    </message>
    <message>
        <source>Details: %1</source>
        <translation>Détails : %1</translation>
    </message>
    <message>
        <source>Could not get “%1”: %2 (error %3). %4</source>
        <translation>Impossible d’obtenir « %1 » : %2 (erreur %3). %4</translation>
    </message>
</context>
<context>
    <name>threadline::ui::UntrackedSenderModel</name>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>Conversations</translation>
    </message>
    <message>
        <source>Last email</source>
        <translation>Dernier e-mail</translation>
    </message>
    <message>
        <source>%1+</source>
        <translation>%1+</translation>
    </message>
    <message>
        <source>This address is on a card, but this mail was taken off it.</source>
        <translation>Cette adresse figure sur une fiche, mais ce courrier en a été retiré.</translation>
    </message>
</context>
<context>
    <name>threadline::ui::UntrackedThreadModel</name>
    <message>
        <source>Subject</source>
        <translation>Objet</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Participants</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Messages</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>(no subject)</source>
        <translation>(sans objet)</translation>
    </message>
</context>
<context>
    <name>threadline::ui::UntrackedView</name>
    <message>
        <source>Add as &amp;lead</source>
        <translation>Ajouter comme &amp;prospect</translation>
    </message>
    <message>
        <source>Create a lead for this correspondent, with their mail</source>
        <translation>Créer un prospect pour ce correspondant, avec son courrier</translation>
    </message>
    <message>
        <source>Add as &amp;contact</source>
        <translation>Ajouter comme &amp;contact</translation>
    </message>
    <message>
        <source>Create a contact for this correspondent, with their mail</source>
        <translation>Créer un contact pour ce correspondant, avec son courrier</translation>
    </message>
    <message>
        <source>&amp;Attach to card…</source>
        <translation>&amp;Rattacher à une fiche…</translation>
    </message>
    <message>
        <source>Put this correspondent&apos;s mail on a card you choose</source>
        <translation>Placer le courrier de ce correspondant sur la fiche de votre choix</translation>
    </message>
    <message>
        <source>&amp;Open card</source>
        <translation>&amp;Ouvrir la fiche</translation>
    </message>
    <message>
        <source>Mail no card shows, by correspondent. Add the correspondent as a lead or a contact, or attach their mail to a card.</source>
        <translation>Le courrier qu’aucune fiche n’affiche, par correspondant. Ajoutez le correspondant comme prospect ou comme contact, ou rattachez son courrier à une fiche.</translation>
    </message>
    <message>
        <source>No untracked mail: every stored message is on a card.</source>
        <translation>Aucun courrier non suivi : chaque message enregistré figure sur une fiche.</translation>
    </message>
    <message numerus="yes">
        <source>%n earlier message(s) not shown.</source>
        <translation>
            <numerusform>%n message précédent non affiché.</numerusform>
            <numerusform>%n messages précédents non affichés.</numerusform>
        </translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>The card could not be created: %1</source>
        <translation>Impossible de créer la fiche : %1</translation>
    </message>
    <message>
        <source>the database is busy</source>
        <translation>la base de données est occupée</translation>
    </message>
    <message numerus="yes">
        <source>Lead “%1” created with %n thread(s).</source>
        <translation>
            <numerusform>Prospect « %1 » créé avec %n conversation.</numerusform>
            <numerusform>Prospect « %1 » créé avec %n conversations.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Contact “%1” created with %n thread(s).</source>
        <translation>
            <numerusform>Contact « %1 » créé avec %n conversation.</numerusform>
            <numerusform>Contact « %1 » créé avec %n conversations.</numerusform>
        </translation>
    </message>
    <message>
        <source>Attach the untracked mail of %1 to:</source>
        <translation>Rattacher le courrier non suivi de %1 à :</translation>
    </message>
    <message>
        <source>The mail could not be attached: %1</source>
        <translation>Impossible de rattacher le courrier : %1</translation>
    </message>
    <message>
        <source>The mail could not be attached: the database is busy.</source>
        <translation>Impossible de rattacher le courrier : la base de données est occupée.</translation>
    </message>
    <message numerus="yes">
        <source>%n thread(s) attached.</source>
        <translation>
            <numerusform>%n conversation rattachée.</numerusform>
            <numerusform>%n conversations rattachées.</numerusform>
        </translation>
    </message>
</context>
</TS>
