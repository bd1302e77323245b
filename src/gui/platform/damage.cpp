#include "damage.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace worldcafe::gui {

namespace {

constexpr std::uint64_t kEmptyCell = 0x9E3779B97F4A7C15ull;

std::uint64_t mix(std::uint64_t h) {
    h ^= h >> 33;
    h *= 0xFF51AFD7ED558CCDull;
    h ^= h >> 33;
    h *= 0xC4CEB9FE1A85EC53ull;
    h ^= h >> 33;
    return h;
}

std::uint64_t hashBytes(const void* data, std::size_t size, std::uint64_t h) {
    const auto* bytes = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i + 8 <= size; i += 8) {
        std::uint64_t word = 0;
        std::memcpy(&word, bytes + i, 8);
        h = mix(h ^ word);
    }
    for (std::size_t i = size - size % 8; i < size; ++i) h = mix(h ^ bytes[i]);
    return h;
}

bool wholeNumber(float value) { return std::fabs(value - std::round(value)) < 1e-4f; }

bool sameVec(ImVec2 a, ImVec2 b) { return a.x == b.x && a.y == b.y; }

}  // namespace

bool partialDrawingExact(const ImDrawData& frame) {
    return wholeNumber(frame.FramebufferScale.x) && wholeNumber(frame.FramebufferScale.y) &&
           frame.FramebufferScale.x >= 1.0f && frame.FramebufferScale.y >= 1.0f && wholeNumber(frame.DisplayPos.x) &&
           wholeNumber(frame.DisplayPos.y);
}

std::vector<DamageRect> DamageTracker::update(const ImDrawData& frame) {
    const ImVec2 pos = frame.DisplayPos;
    const ImVec2 size = frame.DisplaySize;
    const DamageRect whole{pos, {pos.x + size.x, pos.y + size.y}};
    if (size.x <= 0.0f || size.y <= 0.0f) return {};

    const int columns = static_cast<int>(std::ceil(size.x / kCell));
    const int rows = static_cast<int>(std::ceil(size.y / kCell));
    const bool geometryChanged = !sameVec(pos, m_displayPos) || !sameVec(size, m_displaySize) ||
                                 !sameVec(frame.FramebufferScale, m_scale) || columns != m_columns || rows != m_rows;
    m_scratch.assign(static_cast<std::size_t>(columns) * static_cast<std::size_t>(rows), kEmptyCell);

    bool unknownDrawing = false;
    for (int list = 0; list < frame.CmdListsCount; ++list) {
        const ImDrawList& drawList = *frame.CmdLists[list];
        // Quads share their corners between two triangles: each vertex is hashed once.
        m_vertexHashes.resize(static_cast<std::size_t>(drawList.VtxBuffer.Size));
        for (int vertex = 0; vertex < drawList.VtxBuffer.Size; ++vertex) {
            const ImDrawVert& corner = drawList.VtxBuffer[vertex];
            m_vertexHashes[static_cast<std::size_t>(vertex)] = hashBytes(&corner, sizeof corner, 0);
        }
        for (const ImDrawCmd& command : drawList.CmdBuffer) {
            if (command.UserCallback) {
                // A callback draws what the draw data cannot show: nothing can be said about its pixels.
                unknownDrawing = true;
                continue;
            }
            const ImVec4 clip = command.ClipRect;
            const float clipX0 = std::max(clip.x, whole.min.x);
            const float clipY0 = std::max(clip.y, whole.min.y);
            const float clipX1 = std::min(clip.z, whole.max.x);
            const float clipY1 = std::min(clip.w, whole.max.y);
            if (clipX1 <= clipX0 || clipY1 <= clipY0) continue;
            const std::uint64_t commandSeed = hashBytes(&clip, sizeof clip, mix(reinterpret_cast<std::uintptr_t>(
                                                                                  command.TextureId)));
            for (unsigned int element = 0; element + 3 <= command.ElemCount; element += 3) {
                const ImDrawVert* corners[3];
                std::uint64_t triangle = commandSeed;
                for (int corner = 0; corner < 3; ++corner) {
                    const ImDrawIdx index = drawList.IdxBuffer[static_cast<int>(command.IdxOffset + element) + corner];
                    const int vertex = static_cast<int>(command.VtxOffset + index);
                    corners[corner] = &drawList.VtxBuffer[vertex];
                    triangle = mix(triangle ^ m_vertexHashes[static_cast<std::size_t>(vertex)]);
                }
                float x0 = std::min({corners[0]->pos.x, corners[1]->pos.x, corners[2]->pos.x});
                float y0 = std::min({corners[0]->pos.y, corners[1]->pos.y, corners[2]->pos.y});
                float x1 = std::max({corners[0]->pos.x, corners[1]->pos.x, corners[2]->pos.x});
                float y1 = std::max({corners[0]->pos.y, corners[1]->pos.y, corners[2]->pos.y});
                x0 = std::max(x0, clipX0);
                y0 = std::max(y0, clipY0);
                x1 = std::min(x1, clipX1);
                y1 = std::min(y1, clipY1);
                if (!(x0 <= x1 && y0 <= y1)) continue;  // also a vertex that is not a number
                const int column0 = std::clamp(static_cast<int>((x0 - pos.x) / kCell), 0, columns - 1);
                const int column1 = std::clamp(static_cast<int>((x1 - pos.x) / kCell), 0, columns - 1);
                const int row0 = std::clamp(static_cast<int>((y0 - pos.y) / kCell), 0, rows - 1);
                const int row1 = std::clamp(static_cast<int>((y1 - pos.y) / kCell), 0, rows - 1);
                for (int row = row0; row <= row1; ++row) {
                    std::uint64_t* cell = &m_scratch[static_cast<std::size_t>(row) * columns];
                    // Blending makes the order of drawing matter, so the combination depends on it.
                    for (int column = column0; column <= column1; ++column)
                        cell[column] = mix(cell[column] * 31u + triangle);
                }
            }
        }
    }

    const bool wasValid = m_valid && !geometryChanged;
    m_cells.swap(m_scratch);
    m_displayPos = pos;
    m_displaySize = size;
    m_scale = frame.FramebufferScale;
    m_columns = columns;
    m_rows = rows;
    m_valid = !unknownDrawing;
    if (!wasValid || unknownDrawing) return {whole};

    // Runs of changed cells in each row; a run that repeats the one above it extends that rectangle downwards.
    struct Open {
        int column0, column1, row0, row1;
    };
    std::vector<Open> rects;
    std::vector<std::size_t> openAbove;
    for (int row = 0; row < rows; ++row) {
        std::vector<std::size_t> openHere;
        for (int column = 0; column < columns;) {
            const std::size_t at = static_cast<std::size_t>(row) * columns + column;
            if (m_cells[at] == m_scratch[at]) {
                ++column;
                continue;
            }
            int end = column + 1;
            while (end < columns && m_cells[at + (end - column)] != m_scratch[at + (end - column)]) ++end;
            auto above = std::find_if(openAbove.begin(), openAbove.end(), [&](std::size_t index) {
                return rects[index].column0 == column && rects[index].column1 == end;
            });
            if (above != openAbove.end()) {
                rects[*above].row1 = row + 1;
                openHere.push_back(*above);
            } else {
                rects.push_back(Open{column, end, row, row + 1});
                openHere.push_back(rects.size() - 1);
            }
            column = end;
        }
        openAbove.swap(openHere);
    }
    if (rects.empty()) return {};

    auto toDisplay = [&](const Open& cells) {
        return DamageRect{{pos.x + cells.column0 * kCell, pos.y + cells.row0 * kCell},
                          {std::min(pos.x + cells.column1 * kCell, whole.max.x),
                           std::min(pos.y + cells.row1 * kCell, whole.max.y)}};
    };
    if (!partialDrawingExact(frame)) return {whole};
    if (rects.size() > kMaxRects) {
        Open around = rects.front();
        for (const Open& rect : rects) {
            around.column0 = std::min(around.column0, rect.column0);
            around.column1 = std::max(around.column1, rect.column1);
            around.row0 = std::min(around.row0, rect.row0);
            around.row1 = std::max(around.row1, rect.row1);
        }
        return {toDisplay(around)};
    }
    std::vector<DamageRect> damage;
    damage.reserve(rects.size());
    for (const Open& rect : rects) damage.push_back(toDisplay(rect));
    return damage;
}

ClipToRect::ClipToRect(ImDrawData& frame, const DamageRect& rect) : m_frame(frame) {
    for (int list = 0; list < frame.CmdListsCount; ++list) {
        for (ImDrawCmd& command : frame.CmdLists[list]->CmdBuffer) {
            m_saved.push_back(command.ClipRect);
            ImVec4& clip = command.ClipRect;
            clip = ImVec4(std::max(clip.x, rect.min.x), std::max(clip.y, rect.min.y), std::min(clip.z, rect.max.x),
                          std::min(clip.w, rect.max.y));
            if (clip.z <= clip.x || clip.w <= clip.y) clip = ImVec4(0.0f, 0.0f, 0.0f, 0.0f);
        }
    }
}

ClipToRect::~ClipToRect() {
    std::size_t next = 0;
    for (int list = 0; list < m_frame.CmdListsCount; ++list)
        for (ImDrawCmd& command : m_frame.CmdLists[list]->CmdBuffer) command.ClipRect = m_saved[next++];
}

}  // namespace worldcafe::gui
