#pragma once

#include <QStyledItemDelegate>

namespace threadline::ui {

// Paints a search snippet (SnippetRole) with the matched words in bold, elided at the
// column's edge; items without a snippet paint as usual.
class SnippetDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SnippetDelegate)

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
};

} // namespace threadline::ui
