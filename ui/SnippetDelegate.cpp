#include "SnippetDelegate.h"

#include "CardRoles.h"
#include "store/SearchRepository.h"

#include <QApplication>
#include <QPainter>

namespace threadline::ui {

void SnippetDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                            const QModelIndex& index) const
{
    const QString snippet = index.data(SnippetRole).toString();
    if (snippet.isEmpty()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem item = option;
    initStyleOption(&item, index);
    item.text.clear();
    const QStyle* style = item.widget ? item.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &item, painter, item.widget);
    const QRect area = style->subElementRect(QStyle::SE_ItemViewItemText, &item, item.widget)
                           .adjusted(2, 0, -2, 0);

    painter->save();
    painter->setClipRect(area);
    const bool selected = item.state & QStyle::State_Selected;
    painter->setPen(item.palette.color(selected ? QPalette::HighlightedText : QPalette::Text));
    QFont normal = item.font;
    QFont bold = item.font;
    bold.setBold(true);
    int x = area.left();
    bool highlighted = false;
    qsizetype start = 0;
    // Segments alternate at the markers: plain, matched, plain, …
    for (qsizetype i = 0; i <= snippet.size() && x < area.right(); ++i) {
        const bool boundary = i == snippet.size() ||
                              snippet[i] == store::SearchRepository::highlightStart ||
                              snippet[i] == store::SearchRepository::highlightEnd;
        if (!boundary)
            continue;
        const QString segment = snippet.mid(start, i - start);
        start = i + 1;
        if (!segment.isEmpty()) {
            painter->setFont(highlighted ? bold : normal);
            const QFontMetrics metrics(painter->font());
            const int room = area.right() - x;
            const QString shown = metrics.elidedText(segment, Qt::ElideRight, room);
            painter->drawText(QRect(x, area.top(), room, area.height()),
                              Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine, shown);
            x += metrics.horizontalAdvance(shown);
        }
        if (i < snippet.size())
            highlighted = snippet[i] == store::SearchRepository::highlightStart;
    }
    painter->restore();
}

} // namespace threadline::ui
