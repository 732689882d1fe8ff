<?xml version='1.0' encoding='utf-8'?>
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
        <source>Deal %1 has an unknown stage "%2".</source>
        <translation>L’affaire %1 a une étape inconnue « %2 ».</translation>
    </message>
    <message>
        <source>Deal %1 has an invalid value "%2".</source>
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
        <source>Unknown command "%1". Run threadline --help for the list.</source>
        <translation>Commande inconnue « %1 ». Lancez threadline --help pour la liste.</translation>
    </message>
    <message>
        <source>Usage: threadline [COMMAND] [--profile DIR]

Without a command, opens the Threadline window.

Commands:
  sync --once             fetch new mail once, print a summary, exit
  doctor                  check the account's connections step by step
  account add …           set up the mail account without the wizard
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
  account add …           configure le compte de messagerie sans l’assistant
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
        <source>the IMAP sync engine</source>
        <translation>la synchronisation IMAP</translation>
    </message>
    <message>
        <source>the connection checklist (account setup wizard)</source>
        <translation>la vérification des connexions (assistant de configuration)</translation>
    </message>
    <message>
        <source>headless account setup</source>
        <translation>la configuration du compte en ligne de commande</translation>
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
        <source>threadline import: only Threadline's JSON card files can be imported in this version; CSV and vCard import have not been built yet.</source>
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
        <source>The server's answer made no sense</source>
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
        <source>The server's certificate is not trusted</source>
        <translation>Le certificat du serveur n’est pas reconnu</translation>
    </message>
    <message>
        <source>The certificate was not issued by an authority this computer trusts. Someone may be intercepting the connection, or the server uses a self-made certificate.</source>
        <translation>Le certificat n’a pas été délivré par une autorité reconnue par cet ordinateur. Quelqu’un intercepte peut-être la connexion, ou le serveur utilise un certificat fait maison.</translation>
    </message>
    <message>
        <source>Check the certificate's details with your provider; trust it only if its fingerprint matches.</source>
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
        <source>Use the server name written in your provider's instructions.</source>
        <translation>Utilisez le nom de serveur indiqué dans les instructions de votre fournisseur.</translation>
    </message>
    <message>
        <source>The server's certificate has expired</source>
        <translation>Le certificat du serveur a expiré</translation>
    </message>
    <message>
        <source>The certificate is no longer valid, or this computer's clock is wrong.</source>
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
        <source>Check the password. Many providers require an app password when two-step verification is on; for Google and Microsoft accounts, use "Sign in with Google / Microsoft" instead.</source>
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
        <source>The server refused one of the recipients' addresses. The message stays in the outbox.</source>
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
        <source>Start your desktop's keyring (GNOME Keyring or KWallet) and unlock it.</source>
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
        <translation>Statut</translation>
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
        <source>No mail account set up yet</source>
        <translation>Aucun compte de messagerie configuré</translation>
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
</context>
</TS>