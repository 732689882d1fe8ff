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