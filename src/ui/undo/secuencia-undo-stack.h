/* secuencia-undo-stack.h: the window's history of edits.
 *
 * Holds SecuenciaCommands (never copies of the project). perform() applies
 * a new command and drops what could be redone; undo() reverts the last
 * one, redo() applies it again. A command that fails leaves the stack as
 * it was. */
#pragma once

#include "secuencia-command.h"

G_BEGIN_DECLS

#define SECUENCIA_TYPE_UNDO_STACK (secuencia_undo_stack_get_type ())
G_DECLARE_FINAL_TYPE (SecuenciaUndoStack, secuencia_undo_stack, SECUENCIA, UNDO_STACK, GObject)

/* Properties "can-undo", "can-redo" (boolean), "undo-label", "redo-label"
 * (string, NULL when there is none). Signal "changed" after every change of
 * the stack, "performed" (SecuenciaCommand, gboolean reverted) after every
 * successful apply or revert. */
SecuenciaUndoStack *secuencia_undo_stack_new       (void);
gboolean            secuencia_undo_stack_perform   (SecuenciaUndoStack  *self,
                                                    SecuenciaCommand    *command,
                                                    GError             **error);
/* Record a command that has already been applied (an edit made by a
 * worker, say), dropping what could be redone. */
void                secuencia_undo_stack_push_applied (SecuenciaUndoStack *self,
                                                       SecuenciaCommand   *command);
gboolean            secuencia_undo_stack_undo      (SecuenciaUndoStack  *self,
                                                    GError             **error);
gboolean            secuencia_undo_stack_redo      (SecuenciaUndoStack  *self,
                                                    GError             **error);
gboolean            secuencia_undo_stack_can_undo  (SecuenciaUndoStack  *self);
gboolean            secuencia_undo_stack_can_redo  (SecuenciaUndoStack  *self);
const char         *secuencia_undo_stack_get_undo_label (SecuenciaUndoStack *self);
const char         *secuencia_undo_stack_get_redo_label (SecuenciaUndoStack *self);
void                secuencia_undo_stack_clear     (SecuenciaUndoStack  *self);

G_END_DECLS
