#pragma once

#include "CardDraft.h"
#include "CardWriteResult.h"
#include "LeadConversion.h"
#include "store/Result.h"
#include "sync/MatchPolicy.h"

#include <QSqlDatabase>

namespace threadline::ui {

// The card view's writes, each one short transaction on the GUI connection: the card's rows,
// then the matcher, so a new or re-addressed card shows its stored mail at once (sync rule 5)
// and a failure leaves nothing half done.
class CardWriter final
{
public:
    CardWriter(const QSqlDatabase& db, const sync::MatchPolicy& policy);

    // Inserts (id 0) or updates a validated draft, then links the card's mail.
    store::Result<CardWriteResult> save(const CardDraft& draft);
    // Deletes the card and its links; the mail stays stored (untracked unless another card
    // shows it).
    std::optional<store::StoreError> remove(qint64 cardId);
    // The lead becomes a contact (and optionally a deal with it); its links, detached ones
    // included, move to the contact, and the lead links nothing more.
    store::Result<CardWriteResult> convertLead(qint64 leadId, const LeadConversion& conversion);

private:
    QSqlDatabase m_db;
    sync::MatchPolicy m_policy;
};

} // namespace threadline::ui
